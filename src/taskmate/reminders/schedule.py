"""When a reminder fires next: pure computation over the reminder, its task and the zone.

A relative reminder follows its task's due date-time on the user's wall clock, converted to
an instant with the zone's rules of that day, so a 09:00 task reminds at 09:00 local on both
sides of a DST change; the minutes before are then counted in real time. Only instants
still ahead count: a reminder whose time has passed when it is written or its task changes
does not fire for that time (the scheduler fires late only what was already armed). A done
or deleted task fires nothing; a snooze fires once, whatever the task's schedule.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from taskmate.reminders.models import Reminder


class ReminderTimes(Protocol):
    """What decides when a reminder fires (an ORM reminder, or a row the scheduler read)."""

    @property
    def kind(self) -> str: ...
    @property
    def before_minutes(self) -> int | None: ...
    @property
    def at(self) -> datetime | None: ...
    @property
    def snoozed_until(self) -> datetime | None: ...


class TaskTimes(Protocol):
    @property
    def due_date(self) -> date | None: ...
    @property
    def due_time(self) -> time | None: ...
    @property
    def completed_at(self) -> datetime | None: ...
    @property
    def deleted_at(self) -> datetime | None: ...


@dataclass(frozen=True, slots=True)
class Arming:
    next_fire_at: datetime | None
    snoozed_until: datetime | None


def due_instant(due_date: date | None, due_time: time | None, zone: ZoneInfo) -> datetime | None:
    """The due date-time as an instant (UTC); None without a due time."""
    if due_date is None or due_time is None:
        return None
    return datetime.combine(due_date, due_time, tzinfo=zone).astimezone(UTC)


def scheduled_at(reminder: ReminderTimes, task: TaskTimes, zone: ZoneInfo) -> datetime | None:
    """The instant the reminder is for, ignoring snoozes and whether it has passed."""
    if reminder.kind == "absolute":
        return reminder.at
    due = due_instant(task.due_date, task.due_time, zone)
    if due is None or reminder.before_minutes is None:
        return None
    return due - timedelta(minutes=reminder.before_minutes)


def arming(reminder: ReminderTimes, task: TaskTimes, zone: ZoneInfo, now: datetime) -> Arming:
    """The earliest of its time and its snooze still ahead of ``now``; a snooze that is not
    ahead any more is spent."""
    snoozed = reminder.snoozed_until
    if snoozed is not None and snoozed <= now:
        snoozed = None
    if task.completed_at is not None or task.deleted_at is not None:
        return Arming(next_fire_at=None, snoozed_until=snoozed)
    ahead = [
        instant
        for instant in (scheduled_at(reminder, task, zone), snoozed)
        if instant is not None and instant > now
    ]
    return Arming(next_fire_at=min(ahead, default=None), snoozed_until=snoozed)


def rearm(reminder: Reminder, task: TaskTimes, zone: ZoneInfo, now: datetime) -> None:
    armed = arming(reminder, task, zone, now)
    reminder.next_fire_at = armed.next_fire_at
    reminder.snoozed_until = armed.snoozed_until
