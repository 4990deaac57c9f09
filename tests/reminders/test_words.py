"""What a reminder says outside the app is in its user's words: their time zone, and the
clock and date order they chose in settings."""

from __future__ import annotations

import httpx
import pytest
from fastapi import FastAPI

from taskmate.api.runtime import Runtime
from taskmate.reminders.wiring import ReminderPolicy
from tests.conftest import MakeUser
from tests.reminders.helpers import Recorder, add_reminder, fire
from tests.tasks.helpers import API, create_task, freeze


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def reminder_policy(recorder: Recorder) -> ReminderPolicy:
    return ReminderPolicy(run=False, deliverers=[recorder])


@pytest.mark.parametrize(
    ("clock", "date_format", "words"),
    [
        ("12h", "mdy", "due Thursday at 6:30 PM"),
        ("24h", "dmy", "due Thursday at 18:30"),
    ],
)
async def test_the_push_text_follows_the_users_clock(
    client: httpx.AsyncClient,
    make_user: MakeUser,
    runtime: Runtime,
    app: FastAPI,
    recorder: Recorder,
    clock: str,
    date_format: str,
    words: str,
) -> None:
    user = await make_user(timezone="Europe/Paris")
    settings = {"clock": clock, "date_format": date_format}
    response = await client.patch(f"{API}/me", json=settings, headers=user.headers)
    assert response.status_code == 200, response.text
    time_now = freeze(runtime)  # Tuesday 2026-03-10, 13:00 in Paris
    task = await create_task(
        client, user, title="Call mom", due={"date": "2026-03-12", "time": "18:30"}
    )
    await add_reminder(client, user, task["id"], before_minutes=2 * 24 * 60)
    time_now.advance(hours=5, minutes=30)  # 18:30 in Paris, two days before
    assert await fire(app) == 1
    fired = await recorder.next()
    assert fired.when_words == words
