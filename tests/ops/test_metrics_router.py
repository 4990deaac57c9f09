"""Who may read ``/metrics``: loopback clients that no proxy forwarded, or anyone with
``TASKMATE_METRICS_TOKEN`` as a bearer token once it is set."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from tests.conftest import BASE_URL
from tests.helpers import assert_error


async def test_a_loopback_client_reads_the_metrics(client: httpx.AsyncClient) -> None:
    response = await client.get("/metrics")
    assert response.status_code == 200, response.text
    assert "# TYPE taskmate_connections gauge" in response.text


async def test_a_request_forwarded_by_a_proxy_is_refused(client: httpx.AsyncClient) -> None:
    forwarded = await client.get("/metrics", headers={"X-Forwarded-For": "203.0.113.7"})
    assert "TASKMATE_METRICS_TOKEN" in assert_error(forwarded, 403, "forbidden")["message"]


async def test_a_remote_client_is_refused(app: FastAPI) -> None:
    transport = httpx.ASGITransport(app=app, client=("203.0.113.7", 40000))
    async with httpx.AsyncClient(transport=transport, base_url=BASE_URL) as remote:
        assert_error(await remote.get("/metrics"), 403, "forbidden")


class TestWithAToken:
    @pytest.fixture
    def settings_overrides(self) -> dict[str, Any]:
        return {"metrics_token": "scrape-me-0123456789"}

    async def test_the_token_is_required_even_from_loopback(
        self, client: httpx.AsyncClient
    ) -> None:
        assert_error(await client.get("/metrics"), 401, "unauthorized")
        wrong = {"Authorization": "Bearer guess"}
        assert_error(await client.get("/metrics", headers=wrong), 401, "unauthorized")
        right = {"Authorization": "Bearer scrape-me-0123456789"}
        response = await client.get("/metrics", headers=right)
        assert response.status_code == 200
        assert "scrape-me" not in response.text

    async def test_the_token_opens_it_to_remote_clients(self, app: FastAPI) -> None:
        transport = httpx.ASGITransport(app=app, client=("203.0.113.7", 40000))
        headers = {"Authorization": "Bearer scrape-me-0123456789"}
        async with httpx.AsyncClient(transport=transport, base_url=BASE_URL) as remote:
            assert (await remote.get("/metrics", headers=headers)).status_code == 200
