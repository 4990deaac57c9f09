"""When a reminder fires next: pure computation over the reminder, its task and the zone.

A relative reminder follows its task's due date-time on the user's wall clock, converted to
an instant with the zone's rules of that day, so a 09:00 task reminds at 09:00 local on both
sides of a DST change; the minutes before are then counted in real time. Only instants
still ahead count: a reminder whose time has passed when it is written or its task changes
does not fire for that time (the scheduler fires late only what was already armed). A done
or deleted task fires nothing; a snooze fires once, whatever the task's schedule.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from taskmate.reminders.models import Reminder
from taskmate.tasks.models import Task


def due_instant(due_date: date | None, due_time: time | None, zone: ZoneInfo) -> datetime | None:
    """The due date-time as an instant (UTC); None without a due time."""
    if due_date is None or due_time is None:
        return None
    return datetime.combine(due_date, due_time, tzinfo=zone).astimezone(UTC)


def scheduled_at(reminder: Reminder, task: Task, zone: ZoneInfo) -> datetime | None:
    """The instant the reminder is for, ignoring snoozes and whether it has passed."""
    if reminder.kind == "absolute":
        return reminder.at
    due = due_instant(task.due_date, task.due_time, zone)
    if due is None or reminder.before_minutes is None:
        return None
    return due - timedelta(minutes=reminder.before_minutes)


def rearm(reminder: Reminder, task: Task, zone: ZoneInfo, now: datetime) -> None:
    """Sets ``next_fire_at`` to the earliest of its time and its snooze still ahead of
    ``now``; a snooze that is not ahead any more is spent."""
    if reminder.snoozed_until is not None and reminder.snoozed_until <= now:
        reminder.snoozed_until = None
    if task.completed_at is not None or task.deleted_at is not None:
        reminder.next_fire_at = None
        return
    ahead = [
        instant
        for instant in (scheduled_at(reminder, task, zone), reminder.snoozed_until)
        if instant is not None and instant > now
    ]
    reminder.next_fire_at = min(ahead, default=None)
