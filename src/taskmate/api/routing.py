"""``ApiRoute``: the route class of every router. It reads JSON bodies with the bounded
reader (``api.json_input``) and documents, in the protocol's error envelope, the errors a
route can answer with; and answers a 405 with every method the path takes.

Most of those follow from the route's shape: a body can be unreadable (400), too large
(413) or invalid (422), query parameters invalid (422), an id in the path unknown (404), a
route that needs a caller refuses missing credentials (401) and what they may not do (403),
and every route touches the database (503). A route declares the rest next to itself with
``responses=errors(409, 429)``.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Iterator
from typing import Any

from fastapi import Request, Response
from fastapi.dependencies.models import Dependant
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.utils import create_model_field
from starlette.applications import Starlette
from starlette.exceptions import HTTPException

from taskmate.api.json_input import BODY, read_json
from taskmate.errors import AppError, ErrorEnvelope, MethodNotAllowed, error_response

Responses = dict[int | str, dict[str, Any]]
METHOD_ORDER = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT")

WHEN = {
    400: "The body is not JSON, or nests too deep (`bad_request`).",
    401: "No credentials, or expired, tampered or revoked ones (`unauthorized`).",
    403: "Not allowed for this caller, a CSRF failure, or a token's scope (`forbidden`).",
    404: "Missing, deleted, malformed, or someone else's (`not_found`).",
    409: "Conflicts with the current state (`conflict`, `conversation_finalized`).",
    413: "The body is over 1 MiB, or the content too long (`payload_too_large`).",
    422: "The body or query does not validate (`validation_error`).",
    429: "Too many requests; see `Retry-After` (`rate_limited`).",
    503: "The database is unreachable; nothing was written (`unavailable`).",
}


def errors(*statuses: int) -> Responses:
    """The error responses a route declares beyond those that follow from its shape."""
    return {status: {"model": ErrorEnvelope, "description": WHEN[status]} for status in statuses}


class BoundedJsonRequest(Request):
    """A request whose JSON body goes through ``read_json``: FastAPI's own reader turned
    malformed JSON into a 422 and recursed without a bound."""

    async def json(self) -> Any:
        try:
            return read_json(await self.body(), BODY)
        except AppError as error:  # FastAPI passes HTTP errors on; ours it would hide
            raise HTTPException(error.status, error.message) from None


class ApiRoute(APIRoute):
    def __init__(self, path: str, endpoint: Callable[..., Any], **options: Any) -> None:
        super().__init__(path, endpoint, **options)
        for status in sorted(_implied_errors(self)):
            if status not in self.responses:
                self.responses[status] = errors(status)[status]
                self.response_fields[status] = create_model_field(
                    name=f"Response_{status}_{self.unique_id}",
                    type_=ErrorEnvelope,
                    mode="serialization",
                )

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handle = super().get_route_handler()

        async def bounded(request: Request) -> Response:
            return await handle(BoundedJsonRequest(request.scope, request.receive))

        return bounded


def _implied_errors(route: APIRoute) -> set[int]:
    implied = {503}
    dependants = list(_dependants(route.dependant))
    if route.body_field is not None:
        implied |= {400, 413, 422}
    if any(dependant.path_params for dependant in dependants):
        implied.add(404)
    if any(
        dependant.path_params or dependant.query_params or dependant.header_params
        for dependant in dependants
    ):
        implied.add(422)  # as FastAPI would, whose own 422 schema is not the envelope
    if any(dependant.security_scopes_param_name for dependant in dependants):
        implied |= {401, 403}  # the caller dependency reads the route's security scopes
    return implied


def _dependants(dependant: Dependant) -> Iterator[Dependant]:
    yield dependant
    for child in dependant.dependencies:
        yield from _dependants(child)


def allowed_methods(app: Starlette, path: str) -> list[str]:
    """Every method the app serves at ``path``: a router stops at the first route whose
    path matches, so its own ``Allow`` named that route's methods only."""
    methods: set[str] = set()
    for context in iter_route_contexts(app.routes):
        regex = getattr(context, "path_regex", None)
        if context.methods and regex is not None and regex.match(path):
            methods |= context.methods
    return sorted(methods, key=METHOD_ORDER.index)


async def method_not_allowed(request: Request, _exc: Exception) -> JSONResponse:
    allowed = ", ".join(allowed_methods(request.app, request.url.path))
    error = MethodNotAllowed(
        f"{request.method} is not served here; this address takes {allowed}.",
        headers={"Allow": allowed},
    )
    return error_response(error)
