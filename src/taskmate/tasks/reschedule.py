"""A new due date for a recurring task, when the change does not set the recurrence too.

- A time alone ("7pm") keeps the task's day and changes its time: "every Sunday at 6 PM"
  moved to 7pm stays on Sunday.
- A day alone ("monday", typed, so with a ``text``) keeps the task's time of day.
- A weekly rule on one weekday follows the new day: "every Sunday" moved to Monday becomes
  "every Monday". Other rules (every weekday, monthly...) keep their days.
- The rule's text is then said again in words ("every Monday at 6 PM"), when it can be.
"""

from __future__ import annotations

import calendar
import re
from datetime import time

from taskmate.tasks.dates import Due
from taskmate.tasks.dates_lexicon import RRULE_DAYS
from taskmate.tasks.dates_tokens import clock_only
from taskmate.tasks.recurrence import Recurrence

_DAY_NAMES = {code: calendar.day_name[number] for number, code in enumerate(RRULE_DAYS)}
_PART = re.compile(r"^(?P<key>[A-Z]+)=(?P<value>.+)$")


def _parts(rrule: str) -> dict[str, str]:
    found = (_PART.match(part) for part in rrule.removeprefix("RRULE:").split(";"))
    return {match["key"]: match["value"] for match in found if match is not None}


def _rule(parts: dict[str, str]) -> str:
    return ";".join(f"{key}={value}" for key, value in parts.items())


def _clock(value: time) -> str:
    hour = value.hour % 12 or 12
    minutes = f":{value.minute:02d}" if value.minute else ""
    return f"{hour}{minutes} {'AM' if value.hour < 12 else 'PM'}"


def _ordinal(day: int) -> str:
    if day == -1:
        return "last day"
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def _days(byday: str) -> str | None:
    codes = byday.split(",")
    if codes == ["MO", "TU", "WE", "TH", "FR"]:
        return "weekday"
    if codes == ["SA", "SU"]:
        return "weekend day"
    names = [_DAY_NAMES.get(code) for code in codes]
    if None in names:
        return None
    words = [name for name in names if name is not None]
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def describe(rrule: str, clock: time | None) -> str | None:
    """The rule in words ("every Sunday at 7 PM"); None for rules it cannot say."""
    parts = _parts(rrule)
    freq, interval = parts.pop("FREQ", ""), int(parts.pop("INTERVAL", "1"))
    byday, bymonthday = parts.pop("BYDAY", None), parts.pop("BYMONTHDAY", None)
    if parts:  # BYMONTH, UNTIL...: kept as the user wrote them
        return None
    every = "every" if interval == 1 else ("every other" if interval == 2 else None)
    unit = {"DAILY": "day", "WEEKLY": "week", "MONTHLY": "month", "YEARLY": "year"}.get(freq)
    if unit is None:
        return None
    if freq == "WEEKLY" and byday is not None:
        days = _days(byday)
        if days is None:
            return None
        said = f"{every} {days}" if every else f"every {interval} weeks on {days}"
    elif freq == "MONTHLY" and bymonthday is not None and byday is None:
        if not re.fullmatch(r"-?\d+", bymonthday):
            return None
        month = f"{every} month" if every else f"every {interval} months"
        said = f"{month} on the {_ordinal(int(bymonthday))}"
    elif byday is None and bymonthday is None:
        said = f"{every} {unit}" if every else f"every {interval} {unit}s"
    else:
        return None
    return said if clock is None else f"{said} at {_clock(clock)}"


def rescheduled(recurrence: Recurrence, *, current: Due | None, new: Due) -> tuple[Due, Recurrence]:
    """The due date and the rule of a recurring task moved to ``new``."""
    if current is not None and new.text and clock_only(new.text):
        new = Due(date=current.date, time=new.time, text="")
    elif current is not None and new.text and new.time is None:
        new = Due(date=new.date, time=current.time, text="")
    if not new.text:
        clock = "" if new.time is None else f" {new.time:%H:%M}"
        new = Due(date=new.date, time=new.time, text=new.date.isoformat() + clock)
    parts = _parts(recurrence.rrule)
    byday = parts.get("BYDAY")
    if parts.get("FREQ") == "WEEKLY" and byday is not None and "," not in byday:
        parts["BYDAY"] = RRULE_DAYS[new.date.weekday()]
    rrule = _rule(parts)
    text = describe(rrule, new.time) or recurrence.text
    return new, Recurrence(rrule=rrule, text=text)
