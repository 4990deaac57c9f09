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

import structlog
from sqlalchemy import func, select

from taskmate.api.types import format_timestamp
from taskmate.db.engine import Database
from taskmate.events import DomainEvent, Event, EventPublisher
from taskmate.reminders.claim import Firing, ReminderClaim
from taskmate.reminders.delivery import Deliverer, FiredReminder
from taskmate.reminders.models import Reminder
from taskmate.reminders.schemas import parse_instant
from taskmate.reminders.wording import when_words
from taskmate.tasks.schemas import task_json

logger = structlog.get_logger(__name__)


@dataclass(frozen=True, kw_only=True, slots=True)
class SchedulerTiming:
    check_interval: float = 15.0  # longest sleep: seconds between looks at the database
    batch_size: int = 500  # reminders claimed per transaction
    missed_after: timedelta = timedelta(hours=24)  # later than this: missed, not fired
    delivery_grace: float = 5.0  # seconds deliveries still running get at shutdown
    locked_retry: float = 0.05  # seconds before looking again at rows another instance holds


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
        self._batch = ReminderClaim(
            batch_size=self._timing.batch_size, missed_after=self._timing.missed_after
        )

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
            firings = await self._batch.claim(db, now)
            await db.commit()
            return firings

    async def _announce(self, firings: Sequence[Firing]) -> None:
        fired = [firing for firing in firings if not firing.missed]
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


def _event(firing: Firing) -> DomainEvent:
    task = task_json(firing.task)
    reminder = next(each for each in task["reminders"] if each["id"] == firing.reminder.id)
    return DomainEvent(
        user_id=firing.reminder.user_id,
        kind="reminder",
        action="fired",
        payload={
            "reminder": reminder,
            "task": task,
            "late_seconds": firing.late_seconds,
            "notification_id": firing.notification_id,
            "fired_at": format_timestamp(firing.fired_at),
        },
    )


def _handed(firing: Firing) -> FiredReminder:
    return FiredReminder(
        notification_id=firing.notification_id,
        user_id=firing.reminder.user_id,
        task_id=firing.task.id,
        task_title=firing.task.title,
        when_words=when_words(firing.task, firing.zone, firing.fired_at, firing.style),
        fired_at=firing.fired_at,
        late_seconds=firing.late_seconds,
    )
