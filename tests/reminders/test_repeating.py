"""Repeating tasks: a relative reminder fires for each occurrence, and follows the wall clock
across a DST change."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
from fastapi import FastAPI

from taskmate.api.runtime import Runtime
from tests.conftest import MakeUser
from tests.reminders.helpers import add_reminder, fire, notifications
from tests.tasks.helpers import API, create_task, freeze

# New York moves its clocks forward on Sunday 2026-03-08 at 02:00 (UTC-5 -> UTC-4).
BEFORE_DST = datetime(2026, 3, 6, 13, 0, tzinfo=UTC)  # Friday 08:00 in New York


async def test_a_daily_nine_oclock_reminder_stays_at_nine_across_dst(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime, app: FastAPI
) -> None:
    user = await make_user(timezone="America/New_York")
    clock = freeze(runtime, BEFORE_DST)
    task = await create_task(
        client,
        user,
        title="Take pills",
        due={"date": "2026-03-06", "time": "09:00"},
        recurrence_text="every day",
    )
    reminder = await add_reminder(client, user, task["id"], before_minutes=0)
    assert reminder["next_fire_at"] == "2026-03-06T14:00:00.000000Z"  # 09:00 EST

    fired_at = []
    for expected in ("2026-03-06T14:00", "2026-03-07T14:00", "2026-03-08T13:00"):
        clock.now = datetime.fromisoformat(expected + "Z")
        assert await fire(app) == 1
        fired_at.append((await notifications(client, user))[0]["fired_at"])
        done = await client.post(f"{API}/tasks/{task['id']}/complete", headers=user.headers)
        assert done.json()["completed_at"] is None  # moved to its next occurrence
    assert fired_at == [
        "2026-03-06T14:00:00.000000Z",
        "2026-03-07T14:00:00.000000Z",
        "2026-03-08T13:00:00.000000Z",  # 09:00 EDT
    ]
    [moved] = done.json()["reminders"]
    assert moved["next_fire_at"] == "2026-03-09T13:00:00.000000Z"


async def test_an_occurrence_completed_before_its_reminder_moves_it(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime, app: FastAPI
) -> None:
    user = await make_user(timezone="America/New_York")
    clock = freeze(runtime, BEFORE_DST)
    task = await create_task(
        client,
        user,
        title="Standup",
        due={"date": "2026-03-06", "time": "10:00"},
        recurrence_text="every weekday",
    )
    await add_reminder(client, user, task["id"], before_minutes=15)
    done = await client.post(f"{API}/tasks/{task['id']}/complete", headers=user.headers)
    # Friday's done before its reminder: the next one is Monday 09:45 EDT.
    assert done.json()["reminders"][0]["next_fire_at"] == "2026-03-09T13:45:00.000000Z"
    clock.now = datetime(2026, 3, 6, 14, 45, tzinfo=UTC)
    assert await fire(app) == 0
