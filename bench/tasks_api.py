"""``GET /tasks`` latency at scale and ``POST /tasks/quick`` throughput, on one database."""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
from tests.db_backends import empty_database

from bench.seed import PASSWORD, Dataset, seed
from bench.server import running_server
from bench.stats import Latency, latency, throughput
from taskmate.config import Settings
from taskmate.db import migrate


@dataclass(frozen=True, kw_only=True)
class TasksApiResult:
    backend: str
    seed_seconds: float
    me: Latency
    list_tasks: Latency
    list_second_page: Latency
    create_per_second: float
    quick_add_per_second: float


def run(backend: str, dataset: Dataset, *, requests: int) -> TasksApiResult:
    with tempfile.TemporaryDirectory() as scratch, empty_database(backend, Path(scratch)) as url:
        async_url = Settings(database_url=url).resolved_database_url
        migrate.upgrade(async_url)
        started = time.perf_counter()
        seed(async_url, dataset)
        seed_seconds = time.perf_counter() - started
        with (
            running_server(url, Path(scratch)) as served,
            httpx.Client(base_url=served.url) as http,
        ):
            login = http.post(
                "/api/v1/auth/login", json={"email": dataset.target_email, "password": PASSWORD}
            )
            http.headers["Authorization"] = (
                f"Bearer {login.raise_for_status().json()['access_token']}"
            )
            first_page = http.get("/api/v1/tasks", params={"limit": 50}).json()
            assert len(first_page["items"]) == 50, "the target user should have a full page"
            cursor = first_page["next_cursor"]
            return TasksApiResult(
                backend=backend,
                seed_seconds=seed_seconds,
                me=latency(lambda: http.get("/api/v1/me"), requests=requests),
                list_tasks=latency(
                    lambda: http.get("/api/v1/tasks", params={"limit": 50}), requests=requests
                ),
                list_second_page=latency(
                    lambda: http.get("/api/v1/tasks", params={"limit": 50, "cursor": cursor}),
                    requests=requests,
                ),
                create_per_second=throughput(
                    lambda index: http.post(
                        "/api/v1/tasks", json={"title": f"buy milk {index}", "priority": 4}
                    ),
                    requests=requests // 4,
                ),
                quick_add_per_second=throughput(
                    lambda index: http.post(
                        "/api/v1/tasks/quick",
                        json={"text": f"buy milk {index} tomorrow 5pm #errands @shop p1"},
                    ),
                    requests=requests // 4,
                ),
            )
