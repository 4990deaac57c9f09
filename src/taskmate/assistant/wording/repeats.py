"""A repeating rule (an RRULE as ``tasks/recurrence.py`` stores it) in words: "every Sunday at
6 PM", "every weekday at 9 AM", "every month on the 15th", "every 2 weeks on Monday".

The rule carries no start and no time of day: the task's due date and time give them, so
"weekly" due on a Sunday reads "every Sunday". Rules beyond what the assistant writes (hourly,
COUNT, BYSETPOS...) have no words here: the caller falls back to the text the user typed.
"""

from __future__ import annotations

from datetime import date, datetime, time

from taskmate.tasks.date_words import (
    DEFAULT_STYLE,
    MONTHS,
    WEEKDAYS,
    DateStyle,
    clock_words,
    day_words,
)

DAYS = dict(zip(("MO", "TU", "WE", "TH", "FR", "SA", "SU"), WEEKDAYS, strict=True))
WORKDAYS = ["MO", "TU", "WE", "TH", "FR"]
WEEKEND = ["SA", "SU"]
NTH = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", -1: "last"}
UNITS = {"DAILY": "day", "WEEKLY": "week", "MONTHLY": "month", "YEARLY": "year"}
KNOWN = frozenset({"FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "BYMONTH", "UNTIL", "WKST"})


def ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 22nd."""
    if number % 100 in (11, 12, 13):
        return f"{number}th"
    return f"{number}{({1: 'st', 2: 'nd', 3: 'rd'}).get(number % 10, 'th')}"


def joined(words: list[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + f" and {words[-1]}"


def _parts(rrule: str) -> dict[str, str] | None:
    pairs = [part.split("=", 1) for part in rrule.strip().removeprefix("RRULE:").split(";")]
    if any(len(pair) != 2 for pair in pairs):
        return None
    parts = {key.upper(): value.upper() for key, value in pairs}
    return parts if set(parts) <= KNOWN and parts.get("FREQ") in UNITS else None


def _weekly(days: list[str], interval: int) -> str | None:
    if any(day not in DAYS for day in days):
        return None
    if interval == 1:
        if days == WORKDAYS:
            return "every weekday"
        if days == WEEKEND:
            return "every weekend"
        return "every " + joined([DAYS[day] for day in days]) if days else "every week"
    every = f"every {interval} weeks"
    if days == WORKDAYS:
        return f"{every} on weekdays"
    return f"{every} on {joined([DAYS[day] for day in days])}" if days else every


def _monthly_day(parts: dict[str, str], start: date | None) -> str | None:
    """ "the 15th", "the 1st and 15th", "the last day", "the first Monday"; "" for none."""
    if "BYDAY" in parts:
        code = parts["BYDAY"]
        nth, day = code[:-2], code[-2:]
        if day not in DAYS or not nth.lstrip("+-").isdigit() or int(nth) not in NTH:
            return None
        return f"the {NTH[int(nth)]} {DAYS[day]}"
    if "BYMONTHDAY" in parts:
        days = [int(day) for day in parts["BYMONTHDAY"].split(",")]
        words = ["last day" if day == -1 else ordinal(day) for day in days]
        return None if any(day < -1 or day == 0 for day in days) else "the " + joined(words)
    return "" if start is None else f"the {ordinal(start.day)}"


def _rule_words(parts: dict[str, str], start: date | None) -> str | None:
    freq, interval = parts["FREQ"], int(parts.get("INTERVAL", "1"))
    every = f"every {UNITS[freq]}" if interval == 1 else f"every {interval} {UNITS[freq]}s"
    if freq == "DAILY":
        return every
    if freq == "WEEKLY":
        days = parts["BYDAY"].split(",") if "BYDAY" in parts else []
        if not days and start is not None:
            days = [list(DAYS)[start.weekday()]]
        return _weekly(days, interval)
    if freq == "MONTHLY":
        day = _monthly_day(parts, start)
        return None if day is None else f"{every} on {day}" if day else every
    month = int(parts["BYMONTH"]) if "BYMONTH" in parts else start.month if start else None
    day_of = parts.get("BYMONTHDAY") or (str(start.day) if start else None)
    if month is None or day_of is None or not day_of.isdigit():
        return every
    return f"{every} on {MONTHS[month - 1]} {int(day_of)}"


def repeat_words(
    rrule: str,
    *,
    today: date,
    start: date | None = None,
    at: time | None = None,
    style: DateStyle = DEFAULT_STYLE,
) -> str | None:
    """The rule in words, with its time of day ``at`` and its end; None when it has none.
    ``start`` is the task's due date, for rules that take their day from it."""
    parts = _parts(rrule)
    if parts is None or not parts.get("INTERVAL", "1").isdigit():
        return None
    try:
        words = _rule_words(parts, start)
        until = datetime.strptime(parts["UNTIL"][:8], "%Y%m%d").date() if "UNTIL" in parts else None
    except (ValueError, IndexError):
        return None
    if words is None:
        return None
    if at is not None:
        words += f" at {clock_words(at, style)}"
    if until is None:
        return words
    return f"{words} until {day_words(until, today=today, style=style)}"
