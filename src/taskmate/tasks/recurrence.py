"""Recurrence phrases ("every weekday at 9am") as RFC 5545 RRULEs, and rolling them forward.

The RRULE carries neither DTSTART nor a time of day: the time lives on the task's ``Due`` and
``next_occurrence`` keeps it, counting in naive local wall-clock time (so 09:00 stays 09:00
across a DST change). ``first`` is the first occurrence on or after ``now`` (for a timed rule,
strictly after ``now``), ignoring INTERVAL: "every other monday" starts on the coming Monday.
Occurrences follow RFC 5545: "monthly on the 31st" skips months without a 31st. "until <date>"
becomes an inclusive UNTIL; COUNT is not offered, as a task only keeps its current due date.
In a sentence, a lone "daily"/"weekly"/... counts only at the end or with more detail ("weekly
on monday", "daily at 9"): "write weekly report" is no recurrence.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time

from dateutil.rrule import rrulestr

from taskmate.tasks.dates import Due
from taskmate.tasks.dates_grammar import Grammar
from taskmate.tasks.dates_lexicon import DAYPARTS, MONTHS, RRULE_DAYS, WEEKDAY_PLURALS, WEEKDAYS
from taskmate.tasks.dates_parts import TimePart, check_now
from taskmate.tasks.dates_tokens import Tokens, tokenize
from taskmate.tasks.numbers import read_cardinal, read_ordinal

__all__ = [
    "Recurrence",
    "RecurrenceMatch",
    "find_recurrence",
    "next_occurrence",
    "parse_recurrence",
]


@dataclass(frozen=True, kw_only=True, slots=True)
class Recurrence:
    rrule: str
    text: str


@dataclass(frozen=True, kw_only=True, slots=True)
class RecurrenceMatch:
    recurrence: Recurrence
    first: Due
    start: int
    end: int


_SIMPLE: dict[str, tuple[str, int]] = {
    "daily": ("DAILY", 1),
    "everyday": ("DAILY", 1),
    "weekly": ("WEEKLY", 1),
    "biweekly": ("WEEKLY", 2),
    "fortnightly": ("WEEKLY", 2),
    "monthly": ("MONTHLY", 1),
    "quarterly": ("MONTHLY", 3),
    "yearly": ("YEARLY", 1),
    "annually": ("YEARLY", 1),
}
_UNITS: dict[str, tuple[str, int]] = {
    "day": ("DAILY", 1),
    "days": ("DAILY", 1),
    "week": ("WEEKLY", 1),
    "weeks": ("WEEKLY", 1),
    "fortnight": ("WEEKLY", 2),
    "month": ("MONTHLY", 1),
    "months": ("MONTHLY", 1),
    "year": ("YEARLY", 1),
    "years": ("YEARLY", 1),
}
_WORKDAYS = ("MO", "TU", "WE", "TH", "FR")
_ALL_WEEKDAYS = WEEKDAYS | WEEKDAY_PLURALS


@dataclass(frozen=True, slots=True)
class _Rule:
    freq: str
    interval: int = 1
    bymonth: int | None = None
    bymonthday: tuple[int, ...] = ()
    byday: tuple[str, ...] = ()
    time: time | None = None
    pm_bias: bool | None = None

    def text(self, *, interval: bool = True, until: date | None = None) -> str:
        parts = [f"FREQ={self.freq}"]
        if interval and self.interval > 1:
            parts.append(f"INTERVAL={self.interval}")
        if self.bymonth is not None:
            parts.append(f"BYMONTH={self.bymonth}")
        if self.bymonthday:
            parts.append("BYMONTHDAY=" + ",".join(str(day) for day in self.bymonthday))
        if self.byday:
            parts.append("BYDAY=" + ",".join(self.byday))
        if until is not None:
            parts.append(f"UNTIL={until:%Y%m%d}T235959")
        return ";".join(parts)


class _Reader:
    __slots__ = ("g", "w")

    def __init__(self, grammar: Grammar) -> None:
        self.g = grammar
        self.w = grammar.w

    def phrase(self, i: int) -> tuple[int, _Rule, time | None, date | None] | None:
        lead: TimePart | None = None
        j = i
        if self.w(i) not in _SIMPLE and self.w(i) not in ("every", "each"):
            timed = self.g.time_expr(i)
            if timed is None:
                return None
            j, lead = timed
        core = self.core(j)
        if core is None:
            return None
        j, rule = core
        if lead is None and (timed := self.g.time_expr(j)) is not None:
            j, lead = timed
        clock = rule.time if lead is None else lead.resolve(rule.pm_bias)
        until: date | None = None
        if self.w(j) in ("until", "till", "through") and (ends := self.g.date_expr(j + 1)):
            j, until = ends[0], ends[1].day
        return j, rule, clock, until

    def core(self, i: int) -> tuple[int, _Rule] | None:
        word = self.w(i)
        if word in _SIMPLE:
            freq, interval = _SIMPLE[word]
            return self.qualify(i + 1, _Rule(freq, interval))
        if word not in ("every", "each"):
            return None
        j, interval = i + 1, 1
        if self.w(j) == "other":
            j, interval = j + 1, 2
        elif self.g.k(j) != "ord" and (number := read_cardinal(self.g.words, j)) is not None:
            if self.w(number[1]) in _UNITS and number[0] >= 1:
                j, interval = number[1], number[0]
        elif (ordinal := read_ordinal(self.g.words, j)) and self.w(ordinal[1]) in _UNITS:
            j, interval = ordinal[1], max(ordinal[0], 1)
        word = self.w(j)
        if word in _UNITS:
            freq, factor = _UNITS[word]
            return self.qualify(j + 1, _Rule(freq, interval * factor))
        if interval == 1 and (yearly := self.month_and_day(j)) is not None:
            return yearly[0], _Rule("YEARLY", bymonth=yearly[1], bymonthday=(yearly[2],))
        if interval == 1 and (monthly := self.month_part(j, every=True)) is not None:
            return monthly
        if word in ("weekday", "weekdays", "workday", "workdays") or (
            word in ("business", "work") and self.w(j + 1) in ("day", "days")
        ):
            end = j + 1 if word not in ("business", "work") else j + 2
            return end, _Rule("WEEKLY", interval, byday=_WORKDAYS)
        if word in ("weekend", "weekends"):
            return j + 1, _Rule("WEEKLY", interval, byday=("SA", "SU"))
        if interval == 1 and word in DAYPARTS:
            clock, pm = DAYPARTS[word]
            return j + 1, _Rule("DAILY", time=clock, pm_bias=pm)
        days = self.weekdays(j)
        if days is None:
            return None
        j, byday = days
        rule = _Rule("WEEKLY", interval, byday=byday)
        if self.w(j) in DAYPARTS:
            clock, pm = DAYPARTS[self.w(j)]
            return j + 1, _Rule("WEEKLY", interval, byday=byday, time=clock, pm_bias=pm)
        return j, rule

    def qualify(self, j: int, rule: _Rule) -> tuple[int, _Rule]:
        """ "weekly on monday", "monthly on the 15th", "every year on jan 20"."""
        if self.w(j) != "on":
            return j, rule
        if rule.freq == "WEEKLY" and (days := self.weekdays(j + 1)) is not None:
            return days[0], _Rule("WEEKLY", rule.interval, byday=days[1])
        if rule.freq == "MONTHLY" and (monthly := self.month_part(j + 1, every=False)):
            end, found = monthly
            return end, _Rule(
                "MONTHLY", rule.interval, found.bymonth, found.bymonthday, found.byday
            )
        if rule.freq == "YEARLY" and (yearly := self.month_and_day(j + 1)) is not None:
            return yearly[0], _Rule("YEARLY", rule.interval, yearly[1], (yearly[2],))
        return j, rule

    def weekdays(self, j: int) -> tuple[int, tuple[str, ...]] | None:
        found: set[int] = set()
        while self.w(j) in _ALL_WEEKDAYS:
            found.add(_ALL_WEEKDAYS[self.w(j)])
            j += 1
            if self.w(j) in ("and", "or") and self.w(j + 1) in _ALL_WEEKDAYS:
                j += 1
        return (j, tuple(RRULE_DAYS[day] for day in sorted(found))) if found else None

    def month_part(self, j: int, *, every: bool) -> tuple[int, _Rule] | None:
        """The day within a month: "the 15th", "1st and 15th", "last day", "first monday"."""
        if self.w(j) == "the":
            j += 1
        word = self.w(j)
        if word == "eom":
            return self.of_month(j + 1), _Rule("MONTHLY", bymonthday=(-1,))
        if word == "end" and (end := self.of_month(j + 1, required=True)) > 0:
            return end, _Rule("MONTHLY", bymonthday=(-1,))
        if word == "last" and self.w(j + 1) == "day":
            return self.of_month(j + 2), _Rule("MONTHLY", bymonthday=(-1,))
        ordinal = read_ordinal(self.g.words, j)
        nth, at = (-1, j + 1) if word == "last" else (None, j)
        if ordinal is not None and ordinal[0] <= 5:
            nth, at = ordinal[0], ordinal[1]
        if nth is not None and self.w(at) in WEEKDAYS:
            code = f"{nth}{RRULE_DAYS[WEEKDAYS[self.w(at)]]}"
            return self.of_month(at + 1), _Rule("MONTHLY", byday=(code,))
        days: list[int] = []
        in_words = False
        while ordinal is not None and 1 <= ordinal[0] <= 31:
            days.append(ordinal[0])
            in_words = in_words or ordinal[2]
            j = ordinal[1]
            ordinal = read_ordinal(self.g.words, j + 1) if self.w(j) == "and" else None
        if not days:
            return None
        end = self.of_month(j, required=every and in_words)
        return None if end < 0 else (end, _Rule("MONTHLY", bymonthday=tuple(sorted(days))))

    def of_month(self, j: int, *, required: bool = False) -> int:
        """Skips "of the month" / "of every month" / "of month"; -1 when required but absent."""
        if self.w(j) == "of":
            if self.w(j + 1) == "month":
                return j + 2
            if self.w(j + 1) in ("the", "every", "each", "this") and self.w(j + 2) == "month":
                return j + 3
        return -1 if required else j

    def month_and_day(self, j: int) -> tuple[int, int, int] | None:
        """ "jan 20", "20th of january", "january 20th": (next, month, day)."""
        if self.w(j) in MONTHS:
            found = self.g.day_number(j + 1, words_ok=True)
            return None if found is None else self.existing(found[0], MONTHS[self.w(j)], found[1])
        found = self.g.day_number(j, words_ok=True)
        if found is None:
            return None
        end = found[0] + 1 if self.w(found[0]) == "of" else found[0]
        if self.w(end) not in MONTHS:
            return None
        return self.existing(end + 1, MONTHS[self.w(end)], found[1])

    @staticmethod
    def existing(j: int, month: int, day: int) -> tuple[int, int, int] | None:
        """Keeps month/day pairs that occur at least in leap years (no "feb 30")."""
        return (j, month, day) if day <= calendar.monthrange(2028, month)[1] else None


def _first(rule: _Rule, clock: time | None, until: date | None, now: datetime) -> date | None:
    local = now.replace(tzinfo=None)
    start = datetime.combine(local.date(), clock or time())
    dates = rrulestr(rule.text(interval=False, until=until), dtstart=start)
    found = dates.after(local if clock else start, inc=clock is None)
    return None if found is None else found.date()


def _match(
    text: str,
    tokens: Tokens,
    i: int,
    found: tuple[int, _Rule, time | None, date | None],
    now: datetime,
) -> RecurrenceMatch | None:
    end, rule, clock, until = found
    first = _first(rule, clock, until, now)
    if first is None:
        return None
    start, stop = tokens.starts[i], tokens.ends[end - 1]
    phrase = text[start:stop]
    return RecurrenceMatch(
        recurrence=Recurrence(rrule=rule.text(until=until), text=phrase),
        first=Due(date=first, time=clock, text=phrase),
        start=start,
        end=stop,
    )


def find_recurrence(text: str, *, now: datetime) -> RecurrenceMatch | None:
    """The longest recurrence phrase in a sentence ("water plants every monday")."""
    check_now(now)
    tokens = tokenize(text)
    reader = _Reader(Grammar(tokens, now, strict=True))
    best: tuple[int, tuple[int, _Rule, time | None, date | None]] | None = None
    best_len = 0
    count = len(tokens.words)
    for i in range(count):
        if tokens.kinds[i] == "bar":
            continue
        found = reader.phrase(i)
        if found is not None and found[0] == i + 1 < count and tokens.kinds[i + 1] != "bar":
            continue  # a lone "weekly" before more words is an adjective: "weekly report"
        if found is not None and tokens.ends[found[0] - 1] - tokens.starts[i] >= best_len:
            best, best_len = (i, found), tokens.ends[found[0] - 1] - tokens.starts[i]
    return None if best is None else _match(text, tokens, best[0], best[1], now)


def parse_recurrence(text: str, *, now: datetime) -> RecurrenceMatch | None:
    """The whole ``text`` as a recurrence phrase ("every 2 weeks"), or None."""
    check_now(now)
    tokens = tokenize(text)
    if not tokens.words:
        return None
    found = _Reader(Grammar(tokens, now, strict=False)).phrase(0)
    if found is None or found[0] != len(tokens.words):
        return None
    return _match(text, tokens, 0, found, now)


def next_occurrence(rrule: str, *, after: Due) -> Due | None:
    """The first occurrence strictly after ``after``, keeping its time of day; None when over.

    The new ``Due.text`` is the ISO date (and "HH:MM" time), since nobody typed it.
    """
    rule = rrule.strip().removeprefix("RRULE:")
    start = datetime.combine(after.date, after.time or time())
    found = rrulestr(rule, dtstart=start).after(start, inc=False)
    if found is None:
        return None
    text = found.date().isoformat() + ("" if after.time is None else f" {after.time:%H:%M}")
    return Due(date=found.date(), time=after.time, text=text)
