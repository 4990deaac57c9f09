"""Reminders that came due while no instance ran: late ones fire at start with their
lateness, those over a day old are recorded as missed without an alert; a database outage
leaves the loop running, and it fires once the database is back."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager, suppress
from datetime import timedelta

import httpx
from asgi_lifespan import LifespanManager
from fastapi import FastAPI
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncSession
from structlog.testing import capture_logs

from taskmate.api.runtime import Runtime
from taskmate.app import create_app
from taskmate.assistant.wiring import AssistantPolicy
from taskmate.config import Settings
from taskmate.db.engine import Database
from taskmate.events import DomainEvent, Event
from taskmate.reminders.scheduler import ReminderScheduler, SchedulerTiming
from taskmate.reminders.wiring import ReminderPolicy
from tests.conftest import MakeUser
from tests.reminders.helpers import WAIT, Recorder, add_reminder, fire, notifications
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


class DatabaseDownFor(Database):
    """The app's database, refusing its first ``failures`` sessions as an outage does."""

    def __init__(self, url: str, failures: int) -> None:
        super().__init__(url)
        self.failures = failures

    @asynccontextmanager
    async def session(self, *, write: bool = False) -> AsyncIterator[AsyncSession]:
        if self.failures:
            self.failures -= 1
            raise OperationalError("SELECT 1", {}, ConnectionRefusedError("database is down"))
        async with super().session(write=write) as session:
            yield session


class Published:
    def __init__(self) -> None:
        self.events: asyncio.Queue[Event] = asyncio.Queue()

    async def publish(self, events: Sequence[Event]) -> None:
        for event in events:
            self.events.put_nowait(event)


async def test_the_loop_outlives_a_database_outage_and_fires_once_it_is_back(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime, settings: Settings
) -> None:
    user = await make_user()
    freeze(runtime)
    task = await create_task(client, user, title="Take the pills")
    await add_reminder(client, user, task["id"], at=(NOW + timedelta(minutes=1)).isoformat())

    database = DatabaseDownFor(settings.resolved_database_url, failures=3)
    published = Published()
    scheduler = ReminderScheduler(
        database=database,
        publisher=published,
        clock=lambda: NOW + timedelta(minutes=2),
        # Each failed round looks again after the check interval: short, so the test is.
        timing=SchedulerTiming(check_interval=0.01),
    )
    with capture_logs() as logs:
        loop = asyncio.create_task(scheduler.run())
        try:
            async with asyncio.timeout(WAIT):
                event = await published.events.get()
        finally:
            loop.cancel()
            with suppress(asyncio.CancelledError):
                await loop
            await database.dispose()
    assert event.kind == "reminder"
    assert isinstance(event, DomainEvent)
    assert event.payload["task"]["title"] == "Take the pills"
    assert event.payload["late_seconds"] == 60
    assert published.events.empty()
    failed = [entry for entry in logs if entry["event"] == "reminder_round_failed"]
    assert len(failed) == 3
    assert len(await notifications(client, user)) == 1
