"""``/healthz`` and ``/readyz``: up, ready, and what is wrong when not."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from taskmate.api.runtime import Runtime
from tests.helpers import assert_error


async def test_healthz_answers_while_the_process_is_up(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})


async def test_readyz_checks_the_database_and_its_schema(client: httpx.AsyncClient) -> None:
    response = await client.get("/readyz")
    assert response.status_code == 200, response.text
    assert response.json() == {"status": "ready", "checks": {"database": "ok", "migrations": "ok"}}


async def test_readyz_is_503_once_the_instance_drains(
    client: httpx.AsyncClient, runtime: Runtime
) -> None:
    await runtime.drain.run()
    error = assert_error(await client.get("/readyz"), 503, "unavailable")
    assert "shutting down" in error["message"]
    assert error["details"] == {"checks": {"shutdown": "draining"}}
    assert (await client.get("/healthz")).status_code == 200


async def test_health_endpoints_are_not_in_the_api_schema(client: httpx.AsyncClient) -> None:
    paths = (await client.get("/api/v1/openapi.json")).json()["paths"]
    assert not {"/healthz", "/readyz", "/metrics"} & set(paths)


class TestRedisDown:
    @pytest.fixture
    def settings_overrides(self) -> dict[str, Any]:
        return {"redis_url": "redis://127.0.0.1:1/0"}  # nothing listens on port 1

    async def test_readyz_says_redis_is_unreachable(self, client: httpx.AsyncClient) -> None:
        error = assert_error(await client.get("/readyz"), 503, "unavailable")
        assert "Redis is unreachable" in error["message"]
        assert "TASKMATE_REDIS_URL" in error["message"]
        checks = error["details"]["checks"]
        assert (checks["database"], checks["migrations"]) == ("ok", "ok")
        assert checks["redis"].startswith("Redis is unreachable")
