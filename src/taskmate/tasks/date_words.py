"""Dates and times as people say them, relative to the user's own day: "today at 5 PM",
"tomorrow", "Sunday at 6 PM" within the week ahead, "Sun, Dec 6" further away (with the year
only when it is not this year). The user's ``DateStyle`` chooses the clock ("5 PM", "5:30 PM"
or "17:00") and the order of a calendar date ("Sun, Dec 6", "Sun, 6 Dec" or "Sun, 2026-12-06").

A task's due date and time are wall-clock values in the user's zone, so they are compared
with the user's local date, never converted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
NAMED_AHEAD = 6  # days ahead still called by their weekday's name


@dataclass(frozen=True, kw_only=True, slots=True)
class DateStyle:
    """How one user reads times and dates (their settings; unknown values read as default)."""

    clock: str = "12h"
    date_format: str = "mdy"


DEFAULT_STYLE = DateStyle()


def clock_words(at: time, style: DateStyle = DEFAULT_STYLE) -> str:
    if style.clock == "24h":
        return f"{at.hour:02d}:{at.minute:02d}"
    hour = at.hour % 12 or 12
    half = "AM" if at.hour < 12 else "PM"
    return f"{hour} {half}" if at.minute == 0 else f"{hour}:{at.minute:02d} {half}"


def calendar_words(day: date, *, today: date, style: DateStyle = DEFAULT_STYLE) -> str:
    """ "Sun, Dec 6", and ", 2027" when it is not this year ("Sun, 6 Dec 2027" day first;
    "Sun, 2026-12-06" always with its year)."""
    weekday = WEEKDAYS[day.weekday()][:3]
    month = MONTHS[day.month - 1]
    if style.date_format == "ymd":
        return f"{weekday}, {day.isoformat()}"
    this_year = day.year == today.year
    if style.date_format == "dmy":
        return f"{weekday}, {day.day} {month}" + ("" if this_year else f" {day.year}")
    return f"{weekday}, {month} {day.day}" + ("" if this_year else f", {day.year}")


def day_words(day: date, *, today: date, style: DateStyle = DEFAULT_STYLE) -> str:
    ahead = (day - today).days
    if ahead == 0:
        return "today"
    if ahead == 1:
        return "tomorrow"
    if ahead == -1:
        return "yesterday"
    if 1 < ahead <= NAMED_AHEAD:
        return WEEKDAYS[day.weekday()]
    return calendar_words(day, today=today, style=style)


def moment_words(
    day: date, at: time | None, *, today: date, style: DateStyle = DEFAULT_STYLE
) -> str:
    words = day_words(day, today=today, style=style)
    return words if at is None else f"{words} at {clock_words(at, style)}"


def is_past(day: date, at: time | None, *, now: datetime) -> bool:
    """Whether a due date (and time) on the user's wall clock ``now`` has gone by: an untimed
    date goes by at the end of its day."""
    if at is None:
        return day < now.date()
    return datetime.combine(day, at) < now.replace(tzinfo=None)


def overdue_words(
    day: date, at: time | None, *, now: datetime, style: DateStyle = DEFAULT_STYLE
) -> str:
    """ "overdue since Tue, Dec 1", "overdue since yesterday at 5 PM", "overdue since 9 AM"."""
    if day == now.date() and at is not None:
        return f"overdue since {clock_words(at, style)}"
    return f"overdue since {moment_words(day, at, today=now.date(), style=style)}"
