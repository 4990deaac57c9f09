"""Reminders that came due while no instance ran: late ones fire at start with their
lateness, those over a day old are recorded as missed without an alert."""

from __future__ import annotations

from datetime import timedelta

import httpx
from asgi_lifespan import LifespanManager
from fastapi import FastAPI

from taskmate.api.runtime import Runtime
from taskmate.app import create_app
from taskmate.assistant.wiring import AssistantPolicy
from taskmate.config import Settings
from taskmate.reminders.scheduler import SchedulerTiming
from taskmate.reminders.wiring import ReminderPolicy
from tests.conftest import MakeUser
from tests.reminders.helpers import Recorder, add_reminder, fire, notifications
from tests.tasks.helpers import NOW, create_task, freeze


async def test_a_reminder_due_while_down_fires_at_start_with_its_lateness(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime, settings: Settings
) -> None:
    user = await make_user()
    freeze(runtime)
    task = await create_task(client, user, title="Water plants")
    await add_reminder(client, user, task["id"], at=(NOW + timedelta(minutes=5)).isoformat())

    # This app never ran its scheduler; another one starts 5 minutes after the reminder.
    recorder = Recorder()
    restarted = create_app(
        settings,
        assistant=AssistantPolicy(answer=False),
        reminders=ReminderPolicy(
            deliverers=[recorder], timing=SchedulerTiming(check_interval=3600)
        ),
    )
    restarted.state.runtime.clock = lambda: NOW + timedelta(minutes=10)
    async with LifespanManager(restarted):
        fired = await recorder.next()
    assert fired.task_id == task["id"]
    assert fired.task_title == "Water plants"
    assert fired.late_seconds == 300
    assert fired.when_words == "no due date"
    [notification] = await notifications(client, user)
    assert notification["id"] == fired.notification_id
    assert notification["late_seconds"] == 300
    assert notification["missed"] is False


async def test_a_reminder_over_a_day_late_is_missed_not_fired(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime, app: FastAPI
) -> None:
    user = await make_user()
    clock = freeze(runtime)
    task = await create_task(client, user, title="Renew passport")
    await add_reminder(client, user, task["id"], at=(NOW + timedelta(hours=1)).isoformat())
    clock.advance(hours=25, seconds=1)
    async with runtime.events.subscribe(user.id) as channel:
        assert await fire(app) == 1
        assert channel.empty()  # no frame
    [notification] = await notifications(client, user, unread=True)
    assert notification["missed"] is True
    assert notification["late_seconds"] == 24 * 3600 + 1
    assert notification["task"]["reminders"][0]["next_fire_at"] is None
