"""``taskmate serve --workers 2`` on PostgreSQL and Redis: both workers serve, ``/metrics``
adds up every worker's counts, and SIGTERM drains the workers and exits 0."""

from __future__ import annotations

import asyncio
import json
import os
import signal
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from tests.db_backends import migrated_database
from tests.server_process import API, WAIT, running_server

REQUESTS = 40


@pytest.fixture
def database_url(tmp_path: Path) -> Iterator[str]:
    with migrated_database("postgresql", tmp_path) as url:
        yield url


def _healthz_count(text: str) -> float:
    return sum(
        sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
        if sample.name == "taskmate_http_request_duration_seconds_count"
        and sample.labels["route"] == "/healthz"
    )


async def test_two_workers_share_the_work_the_metrics_and_the_drain(
    database_url: str, redis_url: str, tmp_path: Path
) -> None:
    with running_server(
        database_url,
        tmp_path,
        "workers",
        arguments=("--workers", "2"),
        env={"TASKMATE_REDIS_URL": redis_url},
        startup_seconds=90,  # each worker process imports the app afresh
    ) as server:
        async with httpx.AsyncClient(base_url=server.base_url, timeout=WAIT) as client:
            before = _healthz_count((await client.get("/metrics")).text)
            for _ in range(REQUESTS):  # new connections, spread over the workers by the kernel
                async with httpx.AsyncClient(base_url=server.base_url, timeout=WAIT) as fresh:
                    assert (await fresh.get("/healthz")).status_code == 200
            after = _healthz_count((await client.get("/metrics")).text)
            assert after - before == REQUESTS
            registered = await client.post(
                f"{API}/auth/register",
                json={"email": "workers@example.com", "password": "correct-horse"},
            )
            token = registered.json()["access_token"]
        async with connect(server.ws_url, open_timeout=WAIT) as socket:
            await socket.send(json.dumps({"type": "auth", "token": token}))
            assert json.loads(await asyncio.wait_for(socket.recv(), WAIT))["type"] == "ready"
            os.kill(server.process.pid, signal.SIGTERM)
            with pytest.raises(ConnectionClosed) as closed:
                await asyncio.wait_for(socket.recv(), WAIT)
            assert closed.value.rcvd is not None and closed.value.rcvd.code == 1012
        assert await asyncio.to_thread(server.process.wait, WAIT * 3) == 0
