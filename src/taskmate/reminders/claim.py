"""Claiming one batch of due reminders, in the caller's write transaction, without the ORM.

Loading reminders, their tasks with labels and reminders, and building notification objects
through the ORM cost the scheduler more than the database did. A batch is read as plain rows
in three statements built once (the due reminders with their task's columns and the user's
zone and date settings, locked on PostgreSQL with ``FOR UPDATE OF reminders SKIP LOCKED``;
the tasks' labels; the tasks' reminders) and written in two or three (the notifications in
one executemany; the reminders with nothing ahead cleared in one statement, the others moved
on in one executemany). SQLite renders no lock: one process and its write lock serialise.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import cast
from zoneinfo import ZoneInfo

from sqlalchemy import RowMapping, Table, bindparam, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from taskmate.auth.models import User
from taskmate.db.base import new_id
from taskmate.reminders.models import Notification, Reminder
from taskmate.reminders.schedule import arming
from taskmate.tasks.date_words import DateStyle
from taskmate.tasks.models import Task, TaskLabel

_REMINDERS = cast(Table, Reminder.__table__)
_TASKS = cast(Table, Task.__table__)
_LABELS = cast(Table, TaskLabel.__table__)
_USERS = cast(Table, User.__table__)
_NOTIFICATIONS = cast(Table, Notification.__table__)

_REMINDER_FIELDS = (
    "id",
    "task_id",
    "user_id",
    "kind",
    "before_minutes",
    "at",
    "next_fire_at",
    "snoozed_until",
)
_TASK_FIELDS = (
    "title",
    "description",
    "project_id",
    "parent_id",
    "priority",
    "position",
    "due_date",
    "due_time",
    "due_text",
    "rrule",
    "recurrence_text",
    "completed_at",
    "deleted_at",
    "created_at",
    "updated_at",
)
_TASK_PREFIX = "task_"

_DUE = (
    select(
        *(_REMINDERS.c[name] for name in _REMINDER_FIELDS),
        *(_TASKS.c[name].label(_TASK_PREFIX + name) for name in _TASK_FIELDS),
        _USERS.c.timezone,
        _USERS.c.clock,
        _USERS.c.date_format,
    )
    .join_from(_REMINDERS, _TASKS, _TASKS.c.id == _REMINDERS.c.task_id)
    .join(_USERS, _USERS.c.id == _REMINDERS.c.user_id)
    .where(_REMINDERS.c.next_fire_at <= bindparam("now"))
    .order_by(_REMINDERS.c.next_fire_at, _REMINDERS.c.id)
    .with_for_update(of=_REMINDERS, skip_locked=True)
)
_LABELS_OF = (
    select(_LABELS.c.task_id, _LABELS.c.name)
    .where(_LABELS.c.task_id.in_(bindparam("tasks", expanding=True)))
    .order_by(_LABELS.c.name)
)
_REMINDERS_OF = (
    select(*(_REMINDERS.c[name] for name in _REMINDER_FIELDS))
    .where(_REMINDERS.c.task_id.in_(bindparam("tasks", expanding=True)))
    .order_by(_REMINDERS.c.id)
)
_NOTIFY = insert(_NOTIFICATIONS)
_CLEAR = (
    update(_REMINDERS)
    .where(_REMINDERS.c.id.in_(bindparam("reminders", expanding=True)))
    .values(next_fire_at=None, snoozed_until=None)
)
_REARM = (
    update(_REMINDERS)
    .where(_REMINDERS.c.id == bindparam("reminder_id"))
    .values(next_fire_at=bindparam("next_at"), snoozed_until=bindparam("snooze"))
)


@dataclass(slots=True, kw_only=True)
class ReminderRow:
    id: int
    task_id: int
    user_id: str
    kind: str
    before_minutes: int | None
    at: datetime | None
    next_fire_at: datetime | None
    snoozed_until: datetime | None


@dataclass(frozen=True, slots=True)
class LabelRow:
    name: str


@dataclass(slots=True, kw_only=True)
class TaskRow:
    """A task as read for a firing: what its JSON body and its reminders' times need."""

    id: int
    title: str
    description: str
    project_id: int | None
    parent_id: int | None
    priority: int
    position: int
    due_date: date | None
    due_time: time | None
    due_text: str | None
    rrule: str | None
    recurrence_text: str | None
    completed_at: datetime | None
    deleted_at: datetime | None
    created_at: datetime
    updated_at: datetime
    labels: list[LabelRow] = field(default_factory=list)
    reminders: list[ReminderRow] = field(default_factory=list)


@dataclass(frozen=True, slots=True, kw_only=True)
class Firing:
    """A claimed reminder as committed: its notification's values, the reminder re-armed,
    and its task with every reminder as after the firing."""

    notification_id: str
    fired_at: datetime
    late_seconds: float
    missed: bool
    reminder: ReminderRow
    task: TaskRow
    zone: ZoneInfo
    style: DateStyle  # how the user reads times and dates


@dataclass(frozen=True, slots=True)
class _Owner:
    zone: ZoneInfo
    style: DateStyle


class ReminderClaim:
    def __init__(self, *, batch_size: int, missed_after: timedelta) -> None:
        self._due = _DUE.limit(batch_size)
        self._missed_after = missed_after

    async def claim(self, db: AsyncSession, now: datetime) -> list[Firing]:
        """Claims up to a batch of reminders due by ``now`` and moves each one on: a firing
        for each whose task is open (a missed one when it is over ``missed_after`` late),
        nothing for the others. The caller commits."""
        rows = (await db.execute(self._due, {"now": now})).all()
        if not rows:
            return []
        tasks: dict[int, TaskRow] = {}
        claimed: dict[int, tuple[ReminderRow, _Owner]] = {}
        owners: dict[str, _Owner] = {}
        for row in rows:
            if row.task_id not in tasks:
                tasks[row.task_id] = _task(row._mapping)
            if row.user_id not in owners:
                owners[row.user_id] = _Owner(
                    ZoneInfo(row.timezone), DateStyle(clock=row.clock, date_format=row.date_format)
                )
            claimed[row.id] = (_reminder(row._mapping), owners[row.user_id])
        await self._read_labels_and_reminders(db, tasks, claimed)

        firings: list[Firing] = []
        for reminder, owner in claimed.values():
            task = tasks[reminder.task_id]
            if task.completed_at is None and task.deleted_at is None:
                firings.append(self._firing(reminder, task, owner, now))
            armed = arming(reminder, task, owner.zone, now)
            reminder.next_fire_at, reminder.snoozed_until = armed.next_fire_at, armed.snoozed_until
        if firings:
            await db.execute(_NOTIFY, [_notification_row(firing) for firing in firings])
        await self._write_next_times(db, [reminder for reminder, _ in claimed.values()])
        return firings

    async def _write_next_times(self, db: AsyncSession, reminders: list[ReminderRow]) -> None:
        """Most reminders have nothing ahead once fired (one instant, no snooze): those are
        cleared in one statement, the others moved on one by one."""
        spent = [r.id for r in reminders if r.next_fire_at is None and r.snoozed_until is None]
        if spent:
            await db.execute(_CLEAR, {"reminders": spent})
        moved = [
            {"reminder_id": r.id, "next_at": r.next_fire_at, "snooze": r.snoozed_until}
            for r in reminders
            if r.next_fire_at is not None or r.snoozed_until is not None
        ]
        if moved:
            await db.execute(_REARM, moved)

    async def _read_labels_and_reminders(
        self,
        db: AsyncSession,
        tasks: dict[int, TaskRow],
        claimed: dict[int, tuple[ReminderRow, _Owner]],
    ) -> None:
        ids = {"tasks": list(tasks)}
        for task_id, name in (await db.execute(_LABELS_OF, ids)).all():
            tasks[task_id].labels.append(LabelRow(name))
        for row in (await db.execute(_REMINDERS_OF, ids)).all():
            own = claimed.get(row.id)
            tasks[row.task_id].reminders.append(own[0] if own else _reminder(row._mapping))

    def _firing(self, reminder: ReminderRow, task: TaskRow, owner: _Owner, now: datetime) -> Firing:
        assert reminder.next_fire_at is not None
        late = now - reminder.next_fire_at
        return Firing(
            notification_id=new_id(),
            fired_at=now,
            late_seconds=max(late.total_seconds(), 0.0),
            missed=late > self._missed_after,
            reminder=reminder,
            task=task,
            zone=owner.zone,
            style=owner.style,
        )


def _reminder(values: RowMapping) -> ReminderRow:
    return ReminderRow(**{name: values[name] for name in _REMINDER_FIELDS})


def _task(values: RowMapping) -> TaskRow:
    return TaskRow(
        id=values["task_id"], **{name: values[_TASK_PREFIX + name] for name in _TASK_FIELDS}
    )


def _notification_row(firing: Firing) -> dict[str, object]:
    return {
        "id": firing.notification_id,
        "user_id": firing.reminder.user_id,
        "kind": "reminder",
        "task_id": firing.task.id,
        "reminder_id": firing.reminder.id,
        "fired_at": firing.fired_at,
        "late_seconds": firing.late_seconds,
        "missed": firing.missed,
    }
