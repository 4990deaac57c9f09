"""Helpers for the task and project API tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from taskmate.api.runtime import Runtime
from taskmate.api.types import format_timestamp
from tests.conftest import Account

API = "/api/v1"
# A Tuesday, noon UTC. Tests that depend on "now" set ``runtime.clock`` to this.
NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)

Json = dict[str, Any]


class Clock:
    """A server clock that moves only when told to."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now

    def now_text(self) -> str:
        """``now`` as the API writes timestamps."""
        return format_timestamp(self.now)


def freeze(runtime: Runtime, at: datetime = NOW) -> Clock:
    """Stops the server's clock at ``at``. Call it after creating the users: access tokens
    are checked against real time, so they must be issued with the real clock."""
    clock = Clock(at)
    runtime.clock = clock
    return clock


async def create_task(client: httpx.AsyncClient, user: Account, **body: Any) -> Json:
    response = await client.post(f"{API}/tasks", json=body, headers=user.headers)
    assert response.status_code == 201, response.text
    task: Json = response.json()
    return task


async def create_project(client: httpx.AsyncClient, user: Account, **body: Any) -> Json:
    response = await client.post(f"{API}/projects", json=body, headers=user.headers)
    assert response.status_code == 201, response.text
    project: Json = response.json()
    return project


async def get_task(client: httpx.AsyncClient, user: Account, task_id: int) -> Json:
    response = await client.get(f"{API}/tasks/{task_id}", headers=user.headers)
    assert response.status_code == 200, response.text
    task: Json = response.json()
    return task


async def list_tasks(client: httpx.AsyncClient, user: Account, **params: Any) -> Json:
    response = await client.get(f"{API}/tasks", params=params, headers=user.headers)
    assert response.status_code == 200, response.text
    page: Json = response.json()
    return page


async def task_ids(client: httpx.AsyncClient, user: Account, **params: Any) -> list[int]:
    page = await list_tasks(client, user, **params)
    return [task["id"] for task in page["items"]]


def assert_error(
    response: httpx.Response, status: int, code: str, *, field: str | None = None
) -> Json:
    """The protocol's error envelope, with ``field`` named among the invalid fields."""
    assert response.status_code == status, response.text
    error: Json = response.json()["error"]
    assert error["code"] == code
    assert isinstance(error["message"], str) and error["message"]
    if field is not None:
        assert field in [item["field"] for item in error["details"]["fields"]], error
    return error
