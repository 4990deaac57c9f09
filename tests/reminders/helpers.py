"""Helpers for the reminder tests."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
from fastapi import FastAPI

from taskmate.reminders.delivery import FiredReminder
from taskmate.reminders.wiring import scheduler_of
from tests.conftest import Account
from tests.tasks.helpers import API, Json

WAIT = 5.0


async def fire(app: FastAPI) -> int:
    """Fires what is due by the server's clock; how many reminders this instance claimed."""
    return await scheduler_of(app.state).fire_due()


async def add_reminder(client: httpx.AsyncClient, user: Account, task_id: int, **body: Any) -> Json:
    response = await client.post(
        f"{API}/tasks/{task_id}/reminders", json=body, headers=user.headers
    )
    assert response.status_code == 201, response.text
    reminder: Json = response.json()
    return reminder


async def notifications(
    client: httpx.AsyncClient, user: Account, *, unread: bool = False
) -> list[Json]:
    params = {"unread": "true"} if unread else {}
    response = await client.get(f"{API}/notifications", params=params, headers=user.headers)
    assert response.status_code == 200, response.text
    items: list[Json] = response.json()["items"]
    return items


class Recorder:
    """A deliverer that keeps what it is handed, for tests to await."""

    def __init__(self) -> None:
        self.fired: asyncio.Queue[FiredReminder] = asyncio.Queue()

    async def deliver(self, fired: FiredReminder) -> None:
        self.fired.put_nowait(fired)

    async def next(self) -> FiredReminder:
        async with asyncio.timeout(WAIT):
            return await self.fired.get()
