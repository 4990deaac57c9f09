"""Deterministic grammar for date and time phrases (see ``dates`` for the rules).

Every reader takes a token index and returns ``(next index, value)`` or None. In strict mode
(searching inside a sentence) the readers refuse forms that ordinary prose produces, such as a
bare number ("buy 5 apples") or an ordinal word ("the second item").
"""

from __future__ import annotations

import calendar
import re
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from taskmate.tasks.dates_lexicon import (
    DAYPARTS,
    MERIDIEMS,
    MONTHS,
    TONIGHT,
    UNIT_WORDS,
    WEEKDAYS,
)
from taskmate.tasks.dates_parts import (
    DatePart,
    TimePart,
    next_month_day,
    next_year_day,
    shift,
    valid_date,
)
from taskmate.tasks.dates_tokens import Tokens
from taskmate.tasks.numbers import NUMBER_WORDS, UNITS, read_cardinal, read_ordinal

_AMBIGUOUS_MONTHS = frozenset({"may", "march", "mar"})
_YEAR = re.compile(r"(19|20|21)\d\d")


class Grammar:
    __slots__ = ("clock", "kinds", "n", "now", "strict", "today", "words")

    def __init__(self, tokens: Tokens, now: datetime, *, strict: bool) -> None:
        self.words = tokens.words
        self.kinds = tokens.kinds
        self.n = len(tokens.words)
        self.now = now
        self.today = now.date()
        self.clock = now.time().replace(tzinfo=None)
        self.strict = strict

    def w(self, i: int) -> str:
        return self.words[i] if i < self.n else ""

    def k(self, i: int) -> str:
        return self.kinds[i] if i < self.n else ""

    # -- whole phrases ---------------------------------------------------------------------
    def phrase(self, i: int) -> tuple[int, date, time | None] | None:
        """The longest date/time phrase starting at token ``i``."""
        best = self.relative_moment(i)
        dated = self.date_expr(i)
        if dated is not None:
            j, part = dated
            timed = self.time_expr(j)
            if timed is not None:
                j, tp = timed
                best = _longer(best, (j, *self.combine(part, tp)))
            else:
                best = _longer(best, (j, *self.combine(part, None)))
        timed = self.time_expr(i)
        if timed is not None:
            j, tp = timed
            dated = self.date_expr(j)
            if dated is not None:
                best = _longer(best, (dated[0], *self.combine(dated[1], tp)))
            else:
                clock = tp.resolve()
                day = self.today if clock > self.clock else self.today + timedelta(days=1)
                best = _longer(best, (j, day, clock))
        return best

    def combine(self, part: DatePart, tp: TimePart | None) -> tuple[date, time | None]:
        clock = part.time if tp is None else tp.resolve(part.pm_bias)
        day = part.day
        if part.roll and day == self.today and clock is not None and clock <= self.clock:
            day += timedelta(days=7)
        return day, clock

    def relative_moment(self, i: int) -> tuple[int, date, time | None] | None:
        """ "in 2 hours", "in 30 minutes": real elapsed time, reported as local wall clock."""
        offset = self.offset(i)
        if offset is None or offset[1] not in ("hours", "minutes"):
            return None
        j, unit, amount = offset
        try:
            delta = timedelta(hours=amount) if unit == "hours" else timedelta(minutes=amount)
            moment = (self.now.astimezone(UTC) + delta).astimezone(self.now.tzinfo)
        except OverflowError:
            return None
        return j, moment.date(), time(moment.hour, moment.minute)

    def offset(self, i: int) -> tuple[int, str, int] | None:
        """ "in 3 days" / "3 days from now" / "in half an hour": (next, unit, amount)."""
        leading_in = self.w(i) == "in"
        j = i + 1 if leading_in else i
        if self.w(j) == "half" and self.w(j + 1) in ("a", "an") and self.w(j + 2) == "hour":
            j, unit, amount = j + 3, "minutes", 30
        else:
            if self.w(j) in ("a", "an"):
                amount, j = 1, j + 1
            elif (number := read_cardinal(self.words, j)) is not None and self.k(j) != "ord":
                amount, j = number
            else:
                return None
            unit = UNIT_WORDS.get(self.w(j), "")
            if not unit:
                return None
            j += 1
        if self.w(j) == "from" and self.w(j + 1) in ("now", "today"):
            return j + 2, unit, amount
        return (j, unit, amount) if leading_in else None

    # -- dates -----------------------------------------------------------------------------
    def date_expr(self, i: int) -> tuple[int, DatePart] | None:
        on = self.w(i) == "on"
        found = self.date_core(i + 1 if on else i, on=on)
        if found is None:
            return None
        j, part = found
        if part.time is None:
            daypart = self.daypart(j, bare=True)
            if daypart is not None:
                j, clock, pm = daypart
                part = replace(part, time=clock, pm_bias=pm)
        return j, part

    def daypart(self, i: int, *, bare: bool) -> tuple[int, time, bool] | None:
        """ "morning" (when ``bare``), "in the evening", "at night"."""
        word = self.w(i)
        if bare and word in DAYPARTS:
            return i + 1, *DAYPARTS[word]
        if word == "in" and self.w(i + 1) == "the" and self.w(i + 2) in DAYPARTS:
            return i + 3, *DAYPARTS[self.w(i + 2)]
        if word == "at" and self.w(i + 1) == "night":
            return i + 2, *DAYPARTS["night"]
        return None

    def date_core(self, i: int, *, on: bool = False) -> tuple[int, DatePart] | None:
        word, today = self.w(i), self.today
        if word == "today":
            return i + 1, DatePart(day=today)
        if word == "tonight":
            return i + 1, DatePart(day=today, time=TONIGHT, pm_bias=True)
        if word == "tomorrow":
            return i + 1, DatePart(day=today + timedelta(days=1))
        if word == "yesterday":
            return i + 1, DatePart(day=today - timedelta(days=1))
        if word in WEEKDAYS:  # "friday jan 16", "friday the 13th": the date decides
            explicit = self.explicit_date(i + 1)
            if explicit is not None:
                return explicit
            return i + 1, DatePart(day=self.weekday(WEEKDAYS[word], today_ok=True), roll=True)
        if word == "weekend":
            return i + 1, DatePart(day=self.weekend())
        if word == "this":
            nxt = self.w(i + 1)
            if nxt in WEEKDAYS:
                return i + 2, DatePart(day=self.weekday(WEEKDAYS[nxt], today_ok=True), roll=True)
            if nxt == "weekend":
                return i + 2, DatePart(day=self.weekend())
            if nxt in DAYPARTS:
                clock, pm = DAYPARTS[nxt]
                return i + 2, DatePart(day=today, time=clock, pm_bias=pm)
            return None
        if word == "next":
            return self.next_period(i + 1)
        j = i + 1 if word == "the" else i
        if self.w(j) == "day" and self.w(j + 1) == "after" and self.w(j + 2) == "tomorrow":
            return j + 3, DatePart(day=today + timedelta(days=2))
        if word in ("end", "eom", "eow", "eoy"):
            return self.end_of(i)
        if word == "in" or self.w(i + 1) in UNIT_WORDS or self.w(i + 2) in UNIT_WORDS:
            offset = self.offset(i)
            if offset is not None and offset[1] not in ("hours", "minutes"):
                j, unit, amount = offset
                shifted = shift(today, unit, amount)
                return None if shifted is None else (j, DatePart(day=shifted))
        kind = self.k(i)
        if kind == "iso":
            year, month, day = (int(part) for part in word.split("-"))
            found = valid_date(year, month, day)
            return None if found is None else (i + 1, DatePart(day=found))
        if kind == "slash":
            return self.slash_date(i)
        return self.month_day(i, on=on)

    def weekday(self, weekday: int, *, today_ok: bool) -> date:
        delta = (weekday - self.today.weekday()) % 7
        return self.today + timedelta(days=delta if delta or today_ok else 7)

    def weekend(self) -> date:
        if self.today.weekday() == 6:
            return self.today
        return self.weekday(5, today_ok=True)

    def next_period(self, i: int) -> tuple[int, DatePart] | None:
        word, today = self.w(i), self.today
        if word in WEEKDAYS:
            return i + 1, DatePart(day=self.weekday(WEEKDAYS[word], today_ok=False))
        monday = self.weekday(0, today_ok=False)
        if word == "week":
            return i + 1, DatePart(day=monday)
        if word == "weekend":
            return i + 1, DatePart(day=monday + timedelta(days=5))
        if word == "month":
            return i + 1, DatePart(day=today.replace(day=1) + relativedelta(months=1))
        if word == "year":
            return i + 1, DatePart(day=date(today.year + 1, 1, 1))
        return None

    def explicit_date(self, i: int) -> tuple[int, DatePart] | None:
        kind, word = self.k(i), self.w(i)
        if kind in ("iso", "slash"):
            return self.date_core(i)
        if kind in ("num", "ord") or word == "the" or word in MONTHS:
            return self.month_day(i, on=True)
        return None

    def end_of(self, i: int) -> tuple[int, DatePart] | None:
        """ "end of (the) week/month/year", "end of next month", "eow"/"eom"/"eoy"."""
        word, today = self.w(i), self.today
        short = {"eom": "month", "eow": "week", "eoy": "year"}
        following = False
        if word in short:
            period, j = short[word], i + 1
        elif self.w(i + 1) == "of":
            j = i + 3 if self.w(i + 2) in ("the", "this") else i + 2
            following = self.w(j) == "next"
            j += following
            period, j = self.w(j), j + 1
        else:
            return None
        if period == "week":  # the working week: Friday
            friday = self.weekday(0, today_ok=False) + timedelta(days=4)
            return j, DatePart(day=friday if following else self.weekday(4, today_ok=True))
        if period == "month":
            month = today.replace(day=1) + relativedelta(months=following)
            last = calendar.monthrange(month.year, month.month)[1]
            return j, DatePart(day=month.replace(day=last))
        if period == "year":
            return j, DatePart(day=date(today.year + following, 12, 31))
        return None

    def slash_date(self, i: int) -> tuple[int, DatePart] | None:
        numbers = [int(part) for part in self.w(i).split("/")]
        month, day = numbers[0], numbers[1]
        if month > 12 >= day:  # unambiguous day/month
            month, day = day, month
        if len(numbers) == 3:
            year = numbers[2] + (2000 if numbers[2] < 100 else 0)
            found = valid_date(year, month, day)
        else:
            found = next_year_day(self.today, month, day)
        return None if found is None else (i + 1, DatePart(day=found))

    def day_number(self, i: int, *, words_ok: bool) -> tuple[int, int] | None:
        """A day of month 1-31: "20", "20th", and when ``words_ok`` "twentieth"."""
        kind = self.k(i)
        if kind == "num" and len(self.w(i)) <= 2:
            value, j = int(self.w(i)), i + 1
        elif (ordinal := read_ordinal(self.words, i)) is not None and (words_ok or kind == "ord"):
            value, j, _ = ordinal
        else:
            return None
        return (j, value) if 1 <= value <= 31 else None

    def month_day(self, i: int, *, on: bool) -> tuple[int, DatePart] | None:
        """ "jan 20", "january 20th 2027", "20 jan", "the 20th of january", "on the 15th"."""
        word = self.w(i)
        if word in MONTHS:
            j = i + 1
            if self.w(j) == "the":
                j += 1
            words_ok = not self.strict or word not in _AMBIGUOUS_MONTHS
            found = self.day_number(j, words_ok=words_ok)
            if found is None:
                return None
            j, day = found
            return self.with_year(j, MONTHS[word], day)
        the = word == "the"
        j = i + 1 if the else i
        day_found = self.day_number(j, words_ok=True)
        if day_found is None:
            return None
        after, day = day_found
        of = self.w(after) == "of"
        month_word = self.w(after + 1 if of else after)
        if month_word in MONTHS:
            return self.with_year(after + 2 if of else after + 1, MONTHS[month_word], day)
        # a day of month alone: "the 15th", "on the twenty first"
        ordinal = read_ordinal(self.words, j)
        if ordinal is None:
            return None
        if ordinal[2]:  # in words: "on the twenty first" (strict), "the second" (whole text)
            allowed = (on and the) if self.strict else (on or the)
        else:  # in digits: "the 15th", "on 15th" (strict), "15th" (whole text)
            allowed = on or the or not self.strict
        if not allowed:
            return None
        if (
            self.w(after) == "of"
            and self.w(after + 1) in ("the", "this")
            and self.w(after + 2) == "month"
        ):
            after += 3
        found_day = next_month_day(self.today, day)
        return None if found_day is None else (after, DatePart(day=found_day))

    def with_year(self, j: int, month: int, day: int) -> tuple[int, DatePart] | None:
        if self.k(j) == "num" and _YEAR.fullmatch(self.w(j)):
            found = valid_date(int(self.w(j)), month, day)
            j += 1
        else:
            found = next_year_day(self.today, month, day)
        return None if found is None else (j, DatePart(day=found))

    # -- times -----------------------------------------------------------------------------
    def time_expr(self, i: int) -> tuple[int, TimePart] | None:
        daypart = self.daypart(i, bare=not self.strict)
        if daypart is not None:
            j, clock, _ = daypart
            return j, TimePart(clock.hour, clock.minute, ambiguous=False)
        at = self.w(i) == "at"
        found = self.time_core(i + 1 if at else i, at=at)
        if found is None:
            return None
        j, tp = found
        bias = self.daypart(j, bare=False)
        if bias is not None:
            j = bias[0]
            if tp.ambiguous:
                clock = tp.resolve(bias[2])
                tp = TimePart(clock.hour, clock.minute, ambiguous=False)
        return j, tp

    def time_core(self, i: int, *, at: bool) -> tuple[int, TimePart] | None:
        word, kind = self.w(i), self.k(i)
        if word in ("noon", "midday"):
            return i + 1, TimePart(12, 0, ambiguous=False)
        if word == "midnight":
            return i + 1, TimePart(0, 0, ambiguous=False)
        if kind == "clock":
            hour, minute = (int(part) for part in word.split(":"))
            if hour > 23 or minute > 59:
                return None
            return self.meridiem(i + 1, hour, minute, ambiguous=not word.startswith("0"))
        if word in ("half", "quarter") or kind == "num" or word in NUMBER_WORDS:
            relative = self.past_to(i, at=at)
            if relative is not None:
                return relative
        if not (kind == "word" or (kind == "num" and len(word) <= 2)):
            return None
        number = read_cardinal(self.words, i)
        if number is None or number[0] > 23:
            return None
        hour, j = number
        minute, with_minutes = 0, False
        if kind == "word" and self.w(j) == "oh" and 1 <= UNITS.get(self.w(j + 1), 0) <= 9:
            minute, j, with_minutes = UNITS[self.w(j + 1)], j + 2, True
        elif kind == "word" and self.k(j) == "word":
            minutes = read_cardinal(self.words, j)
            if minutes is not None and 10 <= minutes[0] <= 59:
                minute, j, with_minutes = minutes[0], minutes[1], True
        elif self.k(j) == "num" and len(self.w(j)) == 2 and self.w(j + 1) in MERIDIEMS:
            minute, j = int(self.w(j)), j + 1
            if minute > 59:
                return None
        if self.w(j) in MERIDIEMS or self.w(j) == "o'clock":
            return self.meridiem(j, hour, minute, ambiguous=True)
        if at or (with_minutes and not self.strict):
            return j, TimePart(hour, minute, ambiguous=1 <= hour <= 12)
        return None

    def meridiem(self, j: int, hour: int, minute: int, *, ambiguous: bool) -> tuple[int, TimePart]:
        if self.w(j) == "o'clock":
            j += 1
        mark = self.w(j)
        if mark in MERIDIEMS and 1 <= hour <= 12:
            return j + 1, TimePart(hour % 12 + (12 if mark == "pm" else 0), minute, False)
        return j, TimePart(hour, minute, ambiguous=ambiguous and 1 <= hour <= 12)

    def past_to(self, i: int, *, at: bool) -> tuple[int, TimePart] | None:
        """ "half past five", "quarter to 9", "ten past 6"."""
        word = self.w(i)
        if word == "half":
            minutes, j = 30, i + 1
        elif word == "quarter":
            minutes, j = 15, i + 1
        elif (number := read_cardinal(self.words, i)) is not None and 1 <= number[0] <= 59:
            minutes, j = number
            if self.w(j) in ("minute", "minutes"):
                j += 1
        else:
            return None
        direction = self.w(j)
        if direction not in ("past", "after", "to", "till", "before"):
            return None
        vague = direction != "past" and word != "quarter" and self.w(j - 1) != "minutes"
        if vague and self.strict and not at:
            return None  # "9 to 5" is a range, not 4:51
        hour = read_cardinal(self.words, j + 1)
        if hour is None or hour[0] > 23 or (direction != "past" and word == "half"):
            return None
        sign = 1 if direction in ("past", "after") else -1
        end, tp = self.meridiem(hour[1], hour[0], 0, ambiguous=True)
        return end, TimePart(tp.hour, sign * minutes, tp.ambiguous)


def _longer(
    best: tuple[int, date, time | None] | None, candidate: tuple[int, date, time | None]
) -> tuple[int, date, time | None]:
    return candidate if best is None or candidate[0] > best[0] else best
