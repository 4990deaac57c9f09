"""Reminders due at the same instant: 10,000 across 1,000 users (10 tasks each), fired by the
app's ``ReminderScheduler`` on its own timer, in one process, and in two processes sharing
one PostgreSQL database (each fires what it claims, none may fire one twice). Lateness is
from the reminders' time to the moment its ``reminder`` event is handed to the publisher
(after its batch committed); CPU is the scheduler processes' (the event loop and the
database driver's threads) from the due time until their last event, per reminder. The
baseline, in the same run and database: the database work alone, one ``UPDATE … RETURNING``
that clears every due ``next_fire_at`` (what any scheduler pays at least, without
notifications, events or re-arming)."""

from __future__ import annotations

import asyncio
import multiprocessing
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Event as EventFlag
from pathlib import Path

from sqlalchemy import Engine, func, insert, select, text, update
from sqlalchemy import distinct as distinct_
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
from taskmate.ops.collector import settle_after_startup
from taskmate.reminders.models import Notification, Reminder
from taskmate.reminders.scheduler import ReminderScheduler, SchedulerTiming
from taskmate.tasks.models import Task

LEAD = timedelta(seconds=3)  # from the end of seeding to the due instant
LEAD_OF_PROCESSES = timedelta(seconds=8)  # two processes also import the app and connect


@dataclass(frozen=True, kw_only=True)
class RemindersResult:
    backend: str
    instances: int
    reminders: int
    users: int
    lateness: Latency
    cpu_ms_per_reminder: float
    fired_by: tuple[int, ...]  # how many each instance fired
    duplicates: int  # notifications beyond one per reminder
    baseline_ms: float
    baseline_cpu_ms_per_reminder: float


@dataclass(frozen=True)
class Share:
    """What one instance fired: when each event left, and its CPU until the last one."""

    published: list[float]
    cpu_seconds: float


class Stopwatch:
    """The publisher: notes when each reminder's event leaves, and the process's CPU time
    at the last one."""

    def __init__(self, expected: int | None = None) -> None:
        self.published: list[float] = []
        self.expected = expected
        self.done = asyncio.Event()
        self.cpu_at_last = time.process_time()

    async def publish(self, events: Sequence[Event]) -> None:
        now = time.time()
        self.published.extend(now for _ in events)
        self.cpu_at_last = time.process_time()
        if self.expected is not None and len(self.published) >= self.expected:
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


async def _fire(url: str, due: datetime, until: Callable[[Stopwatch], Awaitable[None]]) -> Share:
    """Runs a scheduler until ``until`` returns; its CPU is counted from the due time."""
    database = Database(url)
    stopwatch = Stopwatch()
    scheduler = ReminderScheduler(
        database=database, publisher=stopwatch, clock=utcnow, timing=SchedulerTiming()
    )
    settle_after_startup()  # as an instance of the app has
    loop = asyncio.create_task(scheduler.run())
    try:
        await asyncio.sleep(max((due - utcnow()).total_seconds(), 0))
        cpu = time.process_time()
        await until(stopwatch)
    finally:
        loop.cancel()
        with suppress(asyncio.CancelledError):
            await loop
        await database.dispose()
    return Share(published=stopwatch.published, cpu_seconds=stopwatch.cpu_at_last - cpu)


def _fire_alone(url: str, count: int, due: datetime) -> Share:
    async def all_fired(stopwatch: Stopwatch) -> None:
        stopwatch.expected = count
        await asyncio.wait_for(stopwatch.done.wait(), 600)

    return asyncio.run(_fire(url, due, all_fired))


def _instance(url: str, due: datetime, stop: EventFlag, shares: Queue[Share]) -> None:
    """One of the instances (a process of its own): fires until told to stop."""

    async def told_to_stop(_: Stopwatch) -> None:
        await asyncio.to_thread(stop.wait)

    shares.put(asyncio.run(_fire(url, due, told_to_stop)))


def _fire_in_two(url: str, count: int, due: datetime) -> list[Share]:
    processes = multiprocessing.get_context("spawn")
    stop, shares = processes.Event(), processes.Queue()
    instances = [
        processes.Process(target=_instance, args=(url, due, stop, shares)) for _ in range(2)
    ]
    for instance in instances:
        instance.start()
    try:
        engine = sync_engine(url)
        deadline = time.monotonic() + 600
        while _notifications(engine) < count and time.monotonic() < deadline:
            time.sleep(0.1)  # a benchmark's driver looking at the database, not a test
        engine.dispose()
        stop.set()
        return [shares.get(timeout=60) for _ in instances]
    finally:
        for instance in instances:
            instance.join(timeout=30)
            if instance.is_alive():
                instance.kill()


def _notifications(engine: Engine) -> int:
    with engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(Notification)) or 0


def _duplicates(url: str) -> int:
    engine = sync_engine(url)
    with engine.connect() as connection:
        total, distinct = connection.execute(
            select(func.count(), func.count(distinct_(Notification.reminder_id)))
        ).one()
    engine.dispose()
    return int(total - distinct)


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


def run(
    backend: str, *, users: int = 1000, per_user: int = 10, instances: int = 1
) -> RemindersResult:
    count = users * per_user
    with tempfile.TemporaryDirectory() as scratch, empty_database(backend, Path(scratch)) as url:
        async_url = Settings(database_url=url).resolved_database_url
        migrate.upgrade(async_url)
        _seed(async_url, users=users, per_user=per_user, due=utcnow() + timedelta(hours=1))
        due = utcnow() + (LEAD if instances == 1 else LEAD_OF_PROCESSES)
        engine = sync_engine(async_url)
        with engine.begin() as connection:
            connection.execute(update(Reminder).values(next_fire_at=due))
        engine.dispose()
        if instances == 1:
            shares = [_fire_alone(async_url, count, due)]
        else:
            shares = _fire_in_two(async_url, count, due)
        duplicates = _duplicates(async_url)
        baseline_ms, baseline_cpu = asyncio.run(_baseline(async_url, count, utcnow()))
    lateness = [(at - due.timestamp()) * 1000 for share in shares for at in share.published]
    return RemindersResult(
        backend=backend,
        instances=len(shares),
        reminders=count,
        users=users,
        lateness=summarise(sorted(lateness)),
        cpu_ms_per_reminder=sum(share.cpu_seconds for share in shares) * 1000 / count,
        fired_by=tuple(len(share.published) for share in shares),
        duplicates=duplicates,
        baseline_ms=baseline_ms,
        baseline_cpu_ms_per_reminder=baseline_cpu,
    )


def table(results: Sequence[RemindersResult]) -> Table:
    first = results[0]
    return Table(
        title=(
            f"Reminders: {first.reminders:,} due at the same instant across {first.users:,} users"
        ),
        header=[
            "database",
            "instances",
            "lateness p50",
            "lateness p99",
            "CPU / reminder",
            "fired by each",
            "fired twice",
            "baseline",
        ],
        rows=[
            [
                result.backend,
                str(result.instances),
                f"{result.lateness.p50_ms:.0f} ms",
                f"{result.lateness.p99_ms:.0f} ms",
                f"{result.cpu_ms_per_reminder:.3f} ms",
                " + ".join(f"{fired:,}" for fired in result.fired_by),
                str(result.duplicates),
                f"bare UPDATE of all: {result.baseline_ms:.0f} ms, "
                f"{result.baseline_cpu_ms_per_reminder:.3f} ms CPU each",
            ]
            for result in results
        ],
        notes=[
            "batches of 500 per transaction; target p99 < 1 s on one core",
            "lateness: due time to the event handed to the publisher, after its commit",
            "two instances: two processes, each with its scheduler, on one PostgreSQL database",
        ],
    )
