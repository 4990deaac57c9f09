"""Times and dates for people: in the user's time zone, in words ("tomorrow at 17:00",
"5 minutes ago"), never ISO timestamps."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from taskmate.client import Task


def day_words(day: date, today: date) -> str:
    offset = (day - today).days
    if offset == 0:
        return "today"
    if offset == 1:
        return "tomorrow"
    if offset == -1:
        return "yesterday"
    if 1 < offset < 7:
        return day.strftime("%A")
    if day.year == today.year:
        return day.strftime("%a %-d %b")
    return day.strftime("%a %-d %b %Y")


def ago(moment: datetime, zone: ZoneInfo, now: datetime | None = None) -> str:
    """``moment`` as people say it: "just now", "5 minutes ago", "yesterday at 09:30"."""
    now = now or datetime.now(UTC)
    seconds = (now - moment).total_seconds()
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        minutes = int(seconds // 60)
        return f"{minutes} minute{'s' if minutes != 1 else ''} ago"
    local, today = moment.astimezone(zone), now.astimezone(zone).date()
    return f"{day_words(local.date(), today)} at {local:%H:%M}"


def due_words(task: Task, zone: ZoneInfo, now: datetime | None = None) -> str | None:
    """When a task is due, in words ("due tomorrow at 17:00", "overdue since Monday")."""
    if task.due is None:
        return None
    today = (now or datetime.now(UTC)).astimezone(zone).date()
    when = day_words(task.due.date, today)
    at = f" at {task.due.time}" if task.due.time else ""
    return f"overdue since {when}{at}" if task.due.date < today else f"due {when}{at}"


def task_line(task: Task, zone: ZoneInfo) -> str:
    """One line for a task: ``#12 buy milk — due tomorrow at 17:00``."""
    parts = [f"#{task.id} {task.title}"]
    if task.completed_at is not None:
        parts.append(f"done {ago(task.completed_at, zone)}")
    elif (due := due_words(task, zone)) is not None:
        parts.append(due)
    if task.labels:
        parts.append(" ".join(f"@{label}" for label in task.labels))
    return " — ".join(parts)
