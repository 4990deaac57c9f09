"""``/healthz`` (the process answers) and ``/readyz`` (it can serve: database and Redis
reachable, schema at head, not shutting down). Load balancers route by ``/readyz``; both are
outside ``/api/v1`` and the OpenAPI schema, and need no credentials."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from taskmate.api.deps import RuntimeDep
from taskmate.api.drain import DRAINING
from taskmate.api.routing import ApiRoute
from taskmate.errors import Unavailable, error_body
from taskmate.ops.checks import database_problem, migrations_problem, redis_problem

router = APIRouter(include_in_schema=False, route_class=ApiRoute)

OK = "ok"


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    return {"status": OK}


@router.get("/readyz")
async def readyz(runtime: RuntimeDep) -> JSONResponse:
    if runtime.drain.draining:
        body = error_body(Unavailable.code, DRAINING, {"checks": {"shutdown": "draining"}})
        return JSONResponse(body, status_code=Unavailable.status)
    problems: dict[str, str | None] = {"database": await database_problem(runtime.database)}
    if problems["database"] is None:
        problems["migrations"] = await migrations_problem(runtime.database)
    if runtime.settings.redis_url:
        problems["redis"] = await redis_problem(runtime.settings.redis_url)
    checks: dict[str, Any] = {name: problem or OK for name, problem in problems.items()}
    failing = [problem for problem in problems.values() if problem]
    if failing:
        message = "Not ready: " + " ".join(failing)
        body = error_body(Unavailable.code, message, {"checks": checks})
        return JSONResponse(body, status_code=Unavailable.status)
    return JSONResponse({"status": "ready", "checks": checks})
