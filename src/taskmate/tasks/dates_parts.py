"""Parsed pieces of a date phrase, and calendar arithmetic for them."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta


@dataclass(frozen=True, slots=True)
class TimePart:
    """A clock time; ``ambiguous`` when an hour 1-12 came without am/pm."""

    hour: int
    minute: int  # may be negative: "quarter to 9" is hour 9, minute -15
    ambiguous: bool

    def resolve(self, pm_bias: bool | None = None) -> time:
        hour = self.hour
        if self.ambiguous and hour < 12 and (1 <= hour <= 6 if pm_bias is None else pm_bias):
            hour += 12
        total = (hour * 60 + self.minute) % 1440
        return time(total // 60, total % 60)


@dataclass(frozen=True, slots=True)
class DatePart:
    day: date
    roll: bool = False  # a bare weekday: a week later when it is today and the time has passed
    time: time | None = None  # implied by a part of the day ("tomorrow morning", "tonight")
    pm_bias: bool | None = None


def next_month_day(start: date, day: int) -> date | None:
    """The first date on or after ``start`` whose day of month is ``day``."""
    year, month = start.year, start.month
    if not 1 <= day <= 31:
        return None
    for _ in range(13):
        if day <= calendar.monthrange(year, month)[1] and date(year, month, day) >= start:
            return date(year, month, day)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return None


def next_year_day(start: date, month: int, day: int) -> date | None:
    """The first date on or after ``start`` falling on month/day (Feb 29 waits for a leap year)."""
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    for year in range(start.year, start.year + 9):
        if day <= calendar.monthrange(year, month)[1] and date(year, month, day) >= start:
            return date(year, month, day)
    return None


def shift(day: date, unit: str, amount: int) -> date | None:
    """``day`` plus an amount of days/weeks/fortnights/months/years; None past year 9999."""
    try:
        if unit == "days":
            return day + timedelta(days=amount)
        if unit in ("weeks", "fortnights"):
            return day + timedelta(weeks=amount * (2 if unit == "fortnights" else 1))
        if unit == "months":
            return day + relativedelta(months=amount)
        return day + relativedelta(years=amount)
    except (OverflowError, ValueError):
        return None


def valid_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def check_now(now: datetime) -> None:
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be a timezone-aware datetime")
