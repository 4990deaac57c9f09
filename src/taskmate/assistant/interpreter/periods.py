"""Spans of days in searches and bulk commands: "this week", "next month", "in march",
"the next five days", "between monday and friday", or one day ("tomorrow", "on the 15th").

Weeks run Monday to Sunday. "this week"/"this month" are whole (their earlier days included,
so tasks left open then show up too); "the rest of the week" starts today; "upcoming",
"coming up" and "next" before a noun ("my next meeting") start today and have no end; a
month name is its next occurrence, the current month included ("may" and "march" only after
"in"/"for"/"during"/"of"). A time of day alone ("at 5pm") is consumed but narrows no day.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta

from taskmate.assistant.interpreter.intents import DateRange
from taskmate.assistant.interpreter.when import Span, find_schedule
from taskmate.tasks.dates_lexicon import MONTHS
from taskmate.tasks.dates_tokens import clock_only
from taskmate.tasks.numbers import read_cardinal

Bounds = tuple[date, date | None]


@dataclass(frozen=True, slots=True)
class Period:
    when: DateRange | None  # None: only a time of day was given
    spans: tuple[Span, ...]


def _bounds(today: date, unit: str, shift: int) -> tuple[date, date]:
    if unit == "day":
        day = today + timedelta(days=shift)
        return day, day
    monday = today - timedelta(days=today.weekday()) + timedelta(weeks=shift)
    if unit == "week":
        return monday, monday + timedelta(days=6)
    if unit == "weekend":
        return monday + timedelta(days=5), monday + timedelta(days=6)
    if unit == "month":
        first = today.replace(day=1) + relativedelta(months=shift)
        return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])
    return date(today.year + shift, 1, 1), date(today.year + shift, 12, 31)


def _rest_of(match: re.Match[str], today: date) -> Bounds:
    return today, _bounds(today, match["unit"].lower(), 0)[1]


def _current(match: re.Match[str], today: date) -> Bounds:
    return _bounds(today, match["unit"].lower(), 0)


def _shifted(match: re.Match[str], today: date) -> Bounds:
    shift = -1 if match["which"].lower() in ("last", "previous") else 1
    return _bounds(today, match["unit"].lower(), shift)


def _weekend(match: re.Match[str], today: date) -> Bounds:
    return _bounds(today, "weekend", 0)


def _coming(match: re.Match[str], today: date) -> Bounds | None:
    """ "the next five days" (today and four more), "the coming two weeks"."""
    words = (match["count"] or "one").lower().split()
    count = read_cardinal(words, 0)
    if count is None or count[1] != len(words):
        return None
    days = count[0] * (7 if match["unit"].lower().startswith("week") else 1)
    return today, today + timedelta(days=days - 1)


def _month(match: re.Match[str], today: date) -> Bounds | None:
    word = match["month"].lower()
    if word in ("may", "march", "mar") and not match["lead"]:
        return None
    month = MONTHS[word]
    year = today.year + (month < today.month)
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _open(match: re.Match[str], today: date) -> Bounds:
    return today, None


_LEAD = r"(?:\b(?P<lead>for|in|during|over|on|of|from|within|through) )?"
_UNIT = r"(?P<unit>day|weekend|week|month|year)\b"
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_RULES: list[tuple[re.Pattern[str], Callable[[re.Match[str], date], Bounds | None]]] = [
    (re.compile(_LEAD + r"(?:the )?rest of (?:the |this )?" + _UNIT, re.I), _rest_of),
    (re.compile(_LEAD + r"\b(?:this|the|current) " + _UNIT, re.I), _current),
    (re.compile(_LEAD + r"\b(?P<which>next|following|last|previous) " + _UNIT, re.I), _shifted),
    (
        re.compile(
            _LEAD + r"(?:the )?\b(?:next|coming|following) (?:(?P<count>\w+(?: \w+)?) )?"
            r"(?P<unit>days|weeks|week)\b",
            re.I,
        ),
        _coming,
    ),
    (re.compile(_LEAD + r"\bweekend\b", re.I), _weekend),
    (re.compile(_LEAD + rf"\b(?P<month>{_MONTH})\b(?! ?\d)", re.I), _month),
    (re.compile(r"\b(?:upcoming|coming up|in the future|from now on|ahead)\b", re.I), _open),
    (
        re.compile(
            r"\bnext(?= (?:[\w']+ )?(?:meeting|appointment|event|task|reminder|one|item|thing"
            r"|deadline)s?\b)",
            re.I,
        ),
        _open,
    ),
]
_BETWEEN = re.compile(r"\bbetween (?P<first>.+?) and (?P<second>.+)$", re.I)


def _named_period(text: str, today: date) -> Period | None:
    for pattern, bounds_of in _RULES:
        for match in pattern.finditer(text):
            found = bounds_of(match, today)
            if found is not None:
                lead = match.end("lead") if "lead" in pattern.groupindex else -1
                phrase = text[max(lead, match.start()) : match.end()].strip()
                when = DateRange(start=found[0], end=found[1], text=phrase)
                return Period(when, (match.span(),))
    return None


def _between(text: str, now: datetime) -> Period | None:
    match = _BETWEEN.search(text)
    if match is None:
        return None
    first = find_schedule(f"on {match['first']}", now=now)  # "on" admits "the twenty first"
    second = find_schedule(f"on {match['second']}", now=now)
    if first is None or second is None:
        return None
    if clock_only(first.due.text) or clock_only(second.due.text):
        day = second.due.date if clock_only(first.due.text) else first.due.date
        start = end = day
    else:
        start, end = sorted((first.due.date, second.due.date))
    when = DateRange(start=start, end=end, text=match.group(0))
    return Period(when, (match.span(),))


def find_period(text: str, *, now: datetime) -> Period | None:
    """The days a search or bulk command is about, and where they are in ``text``."""
    found = _between(text, now) or _named_period(text, now.date())
    if found is not None:
        return found
    schedule = find_schedule(text, now=now)
    if schedule is None:
        return None
    if clock_only(schedule.due.text):
        return Period(None, schedule.spans)
    day = schedule.due.date
    return Period(DateRange(start=day, end=day, text=schedule.due.text), schedule.spans)
