"""A fired reminder in the user's words, on their wall clock: "due today at 6 PM"."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from taskmate.reminders.schedule import TaskTimes
from taskmate.tasks.date_words import DateStyle, is_past, moment_words, overdue_words


def when_words(task: TaskTimes, zone: ZoneInfo, now: datetime, style: DateStyle) -> str:
    """When the task is due, relative to the user's today, as they read times: "due
    tomorrow at 9 AM" (or "at 09:00"), "overdue since 5 PM", or "no due date"."""
    if task.due_date is None:
        return "no due date"
    local_now = now.astimezone(zone)
    if is_past(task.due_date, task.due_time, now=local_now):
        return overdue_words(task.due_date, task.due_time, now=local_now, style=style)
    return "due " + moment_words(task.due_date, task.due_time, today=local_now.date(), style=style)
