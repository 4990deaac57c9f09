"""The reminder scheduler: fires due reminders exactly once in the app, on time.

It sleeps until the earliest ``next_fire_at`` in the database, or at most
``check_interval`` (for reminders written by other instances, whose events it does not
hear), and wakes at once when this instance writes a reminder that is due earlier (it
observes the task events its instance publishes). Time is the runtime's clock.

A round claims due reminders in batches, each in one write transaction: on PostgreSQL with
``SELECT … FOR UPDATE SKIP LOCKED``, so several instances share a batch without firing one
twice (an instance killed mid-batch releases its locks and another fires them); SQLite has
one process and one scheduler, which its write lock serialises. In the same transaction it
writes a notification per reminder and moves ``next_fire_at`` on; only after the commit does
it publish a ``reminder`` event on the user's channel and hand the firing to the deliverers,
each in a background task. A reminder due more than ``missed_after`` ago (everything was
down) is recorded as missed instead: a notification, no frame, no delivery.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import structlog
from sqlalchemy import func, insert, select, update

from taskmate.api.types import format_timestamp
from taskmate.auth.models import User
from taskmate.db.base import new_id
from taskmate.db.engine import Database
from taskmate.events import DomainEvent, Event, EventPublisher
from taskmate.reminders.delivery import Deliverer, FiredReminder
from taskmate.reminders.models import Notification, Reminder
from taskmate.reminders.schedule import rearm
from taskmate.reminders.schemas import parse_instant, reminder_json
from taskmate.reminders.wording import when_words
from taskmate.tasks.models import Task
from taskmate.tasks.schemas import task_json

logger = structlog.get_logger(__name__)


@dataclass(frozen=True, kw_only=True, slots=True)
class SchedulerTiming:
    check_interval: float = 15.0  # longest sleep: seconds between looks at the database
    batch_size: int = 500  # reminders claimed per transaction
    missed_after: timedelta = timedelta(hours=24)  # later than this: missed, not fired
    delivery_grace: float = 5.0  # seconds deliveries still running get at shutdown
    locked_retry: float = 0.05  # seconds before looking again at rows another instance holds


@dataclass(frozen=True, kw_only=True, slots=True)
class Firing:
    """A claimed reminder, as it was committed."""

    notification: Notification
    reminder: Reminder
    task: Task
    zone: ZoneInfo


class ReminderScheduler:
    def __init__(
        self,
        *,
        database: Database,
        publisher: EventPublisher,
        clock: Callable[[], datetime],
        deliverers: Sequence[Deliverer] = (),
        timing: SchedulerTiming | None = None,
    ) -> None:
        self._database = database
        self._publisher = publisher
        self._clock = clock
        self._deliverers = tuple(deliverers)
        self._timing = timing or SchedulerTiming()
        self._wakeup = asyncio.Event()
        self._armed_for: datetime | None = None
        self._rounds = asyncio.Lock()
        self._deliveries: set[asyncio.Task[None]] = set()

    @property
    def armed_for(self) -> datetime | None:
        """The due time the loop sleeps until (None: only the periodic check)."""
        return self._armed_for

    def wake(self) -> None:
        """Makes the loop look at the database now."""
        self._wakeup.set()

    def heard(self, event: Event) -> None:
        """The broker's observer: a task event whose reminders fire before the time the
        loop sleeps until wakes it. Every other event costs one comparison."""
        if event.kind != "task" or not isinstance(event, DomainEvent):
            return
        for reminder in event.payload.get("reminders") or ():
            due = reminder.get("next_fire_at")
            armed = self._armed_for
            if due is not None and (armed is None or parse_instant(due) < armed):
                self.wake()
                return

    async def run(self) -> None:
        """Fires what is due (at start, what came due while the app was down), then sleeps
        until the next due time, until cancelled."""
        while True:
            self._wakeup.clear()
            claimed = 0
            try:
                claimed = await self.fire_due()
                self._armed_for = await self._next_due()
            except Exception:
                # A database outage: look again after the check interval.
                logger.exception("reminder_round_failed")
                self._armed_for = None
            with suppress(TimeoutError):
                await asyncio.wait_for(self._wakeup.wait(), self._delay(claimed))

    async def fire_due(self) -> int:
        """Fires every reminder due by the clock's now; returns how many this instance
        claimed (missed ones included). One round at a time per instance."""
        async with self._rounds:
            total = 0
            while True:
                firings = await self._claim(self._clock())
                total += len(firings)
                await self._announce(firings)
                if len(firings) < self._timing.batch_size:
                    return total

    async def close(self) -> None:
        """Gives deliveries still running their grace, then cancels them."""
        if self._deliveries:
            _, pending = await asyncio.wait(self._deliveries, timeout=self._timing.delivery_grace)
            for delivery in pending:
                delivery.cancel()

    def _delay(self, claimed: int) -> float:
        """Until the next due time, within the check interval. Reminders still due after a
        round that claimed none are another instance's batch, locked until it commits:
        look again shortly instead of spinning."""
        interval = self._timing.check_interval
        if self._armed_for is None:
            return interval
        delay = min((self._armed_for - self._clock()).total_seconds(), interval)
        return max(delay, 0.0) if delay > 0 or claimed else self._timing.locked_retry

    async def _next_due(self) -> datetime | None:
        async with self._database.session() as db:
            due: datetime | None = await db.scalar(select(func.min(Reminder.next_fire_at)))
            return due

    async def _claim(self, now: datetime) -> list[Firing]:
        async with self._database.session(write=True) as db:
            statement = (
                select(Reminder)
                .where(Reminder.next_fire_at <= now)
                .order_by(Reminder.next_fire_at, Reminder.id)
                .limit(self._timing.batch_size)
            )
            if self._database.dialect == "postgresql":
                statement = statement.with_for_update(skip_locked=True)
            reminders = list(await db.scalars(statement))
            if not reminders:
                return []
            tasks = {
                task.id: task
                for task in await db.scalars(
                    select(Task).where(Task.id.in_({reminder.task_id for reminder in reminders}))
                )
            }
            zones = {
                user_id: ZoneInfo(zone)
                for user_id, zone in (
                    await db.execute(
                        select(User.id, User.timezone).where(
                            User.id.in_({reminder.user_id for reminder in reminders})
                        )
                    )
                ).all()
            }
            firings = []
            for reminder in reminders:
                task, zone = tasks[reminder.task_id], zones[reminder.user_id]
                if task.completed_at is None and task.deleted_at is None:
                    notification = self._notification(reminder, now)
                    firings.append(
                        Firing(notification=notification, reminder=reminder, task=task, zone=zone)
                    )
                rearm(reminder, task, zone, now)
            # Written as two bulk statements, not by the unit of work (which cost two thirds
            # of a round): the objects leave the session and keep their values for the events.
            db.expunge_all()
            if firings:
                await db.execute(
                    insert(Notification), [_row(firing.notification) for firing in firings]
                )
            await db.execute(
                update(Reminder),
                [
                    {
                        "id": reminder.id,
                        "next_fire_at": reminder.next_fire_at,
                        "snoozed_until": reminder.snoozed_until,
                    }
                    for reminder in reminders
                ],
            )
            await db.commit()
            return firings

    def _notification(self, reminder: Reminder, now: datetime) -> Notification:
        assert reminder.next_fire_at is not None
        late = now - reminder.next_fire_at
        return Notification(
            id=new_id(),
            user_id=reminder.user_id,
            kind="reminder",
            task_id=reminder.task_id,
            reminder_id=reminder.id,
            fired_at=now,
            late_seconds=max(late.total_seconds(), 0.0),
            missed=late > self._timing.missed_after,
        )

    async def _announce(self, firings: Sequence[Firing]) -> None:
        fired = [firing for firing in firings if not firing.notification.missed]
        if not fired:
            return
        await self._publisher.publish([_event(firing) for firing in fired])
        for firing in fired if self._deliverers else ():
            handed = _handed(firing)
            for deliverer in self._deliverers:
                delivery = asyncio.create_task(self._deliver(deliverer, handed))
                self._deliveries.add(delivery)
                delivery.add_done_callback(self._deliveries.discard)

    async def _deliver(self, deliverer: Deliverer, fired: FiredReminder) -> None:
        try:
            await deliverer.deliver(fired)
        except Exception as error:
            # The error's text may quote a channel's URL or keys: its type only.
            logger.warning(
                "reminder_delivery_failed",
                deliverer=type(deliverer).__name__,
                notification_id=fired.notification_id,
                error=type(error).__name__,
            )


def _row(notification: Notification) -> dict[str, object]:
    return {
        "id": notification.id,
        "user_id": notification.user_id,
        "kind": notification.kind,
        "task_id": notification.task_id,
        "reminder_id": notification.reminder_id,
        "fired_at": notification.fired_at,
        "late_seconds": notification.late_seconds,
        "missed": notification.missed,
    }


def _event(firing: Firing) -> DomainEvent:
    notification = firing.notification
    return DomainEvent(
        user_id=notification.user_id,
        kind="reminder",
        action="fired",
        payload={
            "reminder": reminder_json(firing.reminder),
            "task": task_json(firing.task),
            "late_seconds": notification.late_seconds,
            "notification_id": notification.id,
            "fired_at": format_timestamp(notification.fired_at),
        },
    )


def _handed(firing: Firing) -> FiredReminder:
    notification = firing.notification
    return FiredReminder(
        notification_id=notification.id,
        user_id=notification.user_id,
        task_id=firing.task.id,
        task_title=firing.task.title,
        when_words=when_words(firing.task, firing.zone, notification.fired_at),
        fired_at=notification.fired_at,
        late_seconds=notification.late_seconds,
    )
