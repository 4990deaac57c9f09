"""Dates and times as people say them, relative to the user's own day: "today at 5 PM",
"tomorrow", "Sunday at 6 PM" within the week ahead, "Sun, Dec 6" further away (with the year
only when it is not this year). Times are on a 12-hour clock ("5 PM", "5:30 PM").

A task's due date and time are wall-clock values in the user's zone, so they are compared
with the user's local date, never converted.
"""

from __future__ import annotations

from datetime import date, datetime, time

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
NAMED_AHEAD = 6  # days ahead still called by their weekday's name


def clock_words(at: time) -> str:
    hour = at.hour % 12 or 12
    half = "AM" if at.hour < 12 else "PM"
    return f"{hour} {half}" if at.minute == 0 else f"{hour}:{at.minute:02d} {half}"


def calendar_words(day: date, *, today: date) -> str:
    """ "Sun, Dec 6", and ", 2027" when it is not this year."""
    words = f"{WEEKDAYS[day.weekday()][:3]}, {MONTHS[day.month - 1]} {day.day}"
    return words if day.year == today.year else f"{words}, {day.year}"


def day_words(day: date, *, today: date) -> str:
    ahead = (day - today).days
    if ahead == 0:
        return "today"
    if ahead == 1:
        return "tomorrow"
    if ahead == -1:
        return "yesterday"
    if 1 < ahead <= NAMED_AHEAD:
        return WEEKDAYS[day.weekday()]
    return calendar_words(day, today=today)


def moment_words(day: date, at: time | None, *, today: date) -> str:
    words = day_words(day, today=today)
    return words if at is None else f"{words} at {clock_words(at)}"


def is_past(day: date, at: time | None, *, now: datetime) -> bool:
    """Whether a due date (and time) on the user's wall clock ``now`` has gone by: an untimed
    date goes by at the end of its day."""
    if at is None:
        return day < now.date()
    return datetime.combine(day, at) < now.replace(tzinfo=None)


def overdue_words(day: date, at: time | None, *, now: datetime) -> str:
    """ "overdue since Tue, Dec 1", "overdue since yesterday at 5 PM", "overdue since 9 AM"."""
    if day == now.date() and at is not None:
        return f"overdue since {clock_words(at)}"
    return f"overdue since {moment_words(day, at, today=now.date())}"
