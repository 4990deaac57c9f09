"""Reminders due at the same instant: 10,000 across 1,000 users (10 tasks each), fired by the
app's ``ReminderScheduler`` on its own timer. Lateness is from the reminders' time to the
moment its ``reminder`` event is handed to the publisher (after its batch committed); CPU is
the process's (the event loop and the database driver's threads) from the due time until
the last event, per reminder. The baseline, in the same run and database: the database work
alone, one ``UPDATE … RETURNING`` that clears every due ``next_fire_at`` (what any
scheduler pays at least, without notifications, events or re-arming)."""

from __future__ import annotations

import asyncio
import tempfile
import time
import uuid
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, select, text, update
from tests.db_backends import empty_database

from bench.report import Table
from bench.seed import sync_engine
from bench.stats import Latency, summarise
from taskmate.auth.models import User
from taskmate.config import Settings
from taskmate.db import migrate
from taskmate.db.base import utcnow
from taskmate.db.engine import Database
from taskmate.events import Event
from taskmate.reminders.models import Reminder
from taskmate.reminders.scheduler import ReminderScheduler, SchedulerTiming
from taskmate.tasks.models import Task

LEAD = timedelta(seconds=3)  # from the end of seeding to the due instant


@dataclass(frozen=True, kw_only=True)
class RemindersResult:
    backend: str
    reminders: int
    users: int
    lateness: Latency
    cpu_ms_per_reminder: float
    baseline_ms: float
    baseline_cpu_ms_per_reminder: float


class Stopwatch:
    """The publisher: notes when each reminder's event leaves."""

    def __init__(self, expected: int) -> None:
        self.published: list[float] = []
        self.expected = expected
        self.done = asyncio.Event()

    async def publish(self, events: Sequence[Event]) -> None:
        now = time.time()
        self.published.extend(now for _ in events)
        if len(self.published) >= self.expected:
            self.done.set()


def _seed(url: str, *, users: int, per_user: int, due: datetime) -> None:
    engine = sync_engine(url)
    stamp = datetime.now(UTC)
    with engine.begin() as connection:
        user_ids = [str(uuid.uuid4()) for _ in range(users)]
        connection.execute(
            insert(User),
            [
                {
                    "id": user_id,
                    "email": f"u{n}@bench.example.com",
                    "name": "",
                    "password_hash": "-",
                    "timezone": "Europe/Paris",
                    "created_at": stamp,
                    "updated_at": stamp,
                }
                for n, user_id in enumerate(user_ids)
            ],
        )
        connection.execute(
            insert(Task),
            [
                {
                    "user_id": user_id,
                    "title": f"Reminder {n} of the benchmark",
                    "description": "",
                    "priority": 0,
                    "due_sort": "~",
                    "created_at": stamp,
                    "updated_at": stamp,
                }
                for user_id in user_ids
                for n in range(per_user)
            ],
        )
        tasks = connection.execute(select(Task.id, Task.user_id)).all()
        connection.execute(
            insert(Reminder),
            [
                {
                    "task_id": task_id,
                    "user_id": user_id,
                    "kind": "absolute",
                    "at": due,
                    "next_fire_at": due,
                    "created_at": stamp,
                }
                for task_id, user_id in tasks
            ],
        )
        connection.execute(text("ANALYZE"))
    engine.dispose()


async def _fire(url: str, count: int, due: datetime) -> tuple[Latency, float]:
    database = Database(url)
    stopwatch = Stopwatch(count)
    scheduler = ReminderScheduler(
        database=database, publisher=stopwatch, clock=utcnow, timing=SchedulerTiming()
    )
    loop = asyncio.create_task(scheduler.run())
    try:
        await asyncio.sleep(max((due - utcnow()).total_seconds(), 0))
        cpu = time.process_time()
        await asyncio.wait_for(stopwatch.done.wait(), 600)
        cpu = time.process_time() - cpu
    finally:
        loop.cancel()
        with suppress(asyncio.CancelledError):
            await loop
        await database.dispose()
    lateness = [(at - due.timestamp()) * 1000 for at in stopwatch.published]
    return summarise(sorted(lateness)), cpu * 1000 / count


async def _baseline(url: str, count: int, due: datetime) -> tuple[float, float]:
    database = Database(url)
    try:
        async with database.session(write=True) as db:
            await db.execute(update(Reminder).values(next_fire_at=due))
            await db.commit()
        wall, cpu = time.perf_counter(), time.process_time()
        async with database.session(write=True) as db:
            cleared = await db.execute(
                update(Reminder)
                .where(Reminder.next_fire_at <= utcnow())
                .values(next_fire_at=None)
                .returning(Reminder.id)
            )
            assert len(cleared.all()) == count
            await db.commit()
        return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000 / count
    finally:
        await database.dispose()


def run(backend: str, *, users: int = 1000, per_user: int = 10) -> RemindersResult:
    count = users * per_user
    with tempfile.TemporaryDirectory() as scratch, empty_database(backend, Path(scratch)) as url:
        async_url = Settings(database_url=url).resolved_database_url
        migrate.upgrade(async_url)
        _seed(async_url, users=users, per_user=per_user, due=utcnow() + timedelta(hours=1))
        due = utcnow() + LEAD
        engine = sync_engine(async_url)
        with engine.begin() as connection:
            connection.execute(update(Reminder).values(next_fire_at=due))
        engine.dispose()
        lateness, cpu = asyncio.run(_fire(async_url, count, due))
        baseline_ms, baseline_cpu = asyncio.run(_baseline(async_url, count, utcnow()))
    return RemindersResult(
        backend=backend,
        reminders=count,
        users=users,
        lateness=lateness,
        cpu_ms_per_reminder=cpu,
        baseline_ms=baseline_ms,
        baseline_cpu_ms_per_reminder=baseline_cpu,
    )


def table(results: Sequence[RemindersResult]) -> Table:
    first = results[0]
    return Table(
        title=(
            f"Reminders: {first.reminders:,} due at the same instant across {first.users:,} users"
        ),
        header=["database", "lateness p50", "lateness p99", "CPU / reminder", "baseline"],
        rows=[
            [
                result.backend,
                f"{result.lateness.p50_ms:.0f} ms",
                f"{result.lateness.p99_ms:.0f} ms",
                f"{result.cpu_ms_per_reminder:.3f} ms",
                f"bare UPDATE of all: {result.baseline_ms:.0f} ms, "
                f"{result.baseline_cpu_ms_per_reminder:.3f} ms CPU each",
            ]
            for result in results
        ],
        notes=[
            "one process, one scheduler, batches of 500 per transaction; target p99 < 1 s",
            "lateness: due time to the event handed to the publisher, after its commit",
        ],
    )
