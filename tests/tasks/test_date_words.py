"""Dates in words, relative to the user's own day, whatever their zone and across DST."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from taskmate.tasks.date_words import (
    DateStyle,
    clock_words,
    day_words,
    is_past,
    moment_words,
    overdue_words,
)
from tests.assistant.wording.tasks import NOW

FRIDAY = date(2026, 12, 4)


@pytest.mark.parametrize(
    ("at", "words"),
    [
        (time(17, 0), "5 PM"),
        (time(17, 30), "5:30 PM"),
        (time(9, 5), "9:05 AM"),
        (time(0, 0), "12 AM"),
        (time(12, 0), "12 PM"),
        (time(12, 45), "12:45 PM"),
    ],
)
def test_times_are_on_a_12_hour_clock(at: time, words: str) -> None:
    assert clock_words(at) == words


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (date(2026, 12, 4), "today"),
        (date(2026, 12, 5), "tomorrow"),
        (date(2026, 12, 3), "yesterday"),
        (date(2026, 12, 6), "Sunday"),
        (date(2026, 12, 10), "Thursday"),
        (date(2026, 12, 11), "Fri, Dec 11"),  # a week ahead: the weekday alone is today's
        (date(2026, 12, 1), "Tue, Dec 1"),
        (date(2027, 1, 3), "Sun, Jan 3, 2027"),
        (date(2025, 12, 25), "Thu, Dec 25, 2025"),
    ],
)
def test_days_are_relative_to_today(day: date, words: str) -> None:
    assert day_words(day, today=FRIDAY) == words


@pytest.mark.parametrize(
    ("zone", "words"),
    [
        ("America/Los_Angeles", "tomorrow at 5 PM"),
        ("America/New_York", "tomorrow at 5 PM"),
        ("Pacific/Auckland", "today at 5 PM"),  # already Saturday there
    ],
)
def test_today_is_the_users_own(zone: str, words: str) -> None:
    today = NOW.astimezone(ZoneInfo(zone)).date()
    assert moment_words(date(2026, 12, 5), time(17, 0), today=today) == words


def test_a_dst_change_does_not_shift_days_or_times() -> None:
    # New York springs forward at 2 AM on Sunday 2026-03-08; it is 1:30 AM, 30 minutes before.
    now = datetime(2026, 3, 8, 6, 30, tzinfo=ZoneInfo("UTC")).astimezone(
        ZoneInfo("America/New_York")
    )
    assert moment_words(date(2026, 3, 9), time(9, 0), today=now.date()) == "tomorrow at 9 AM"
    assert moment_words(date(2026, 3, 8), time(3, 0), today=now.date()) == "today at 3 AM"
    assert not is_past(date(2026, 3, 8), time(3, 0), now=now)


def test_overdue_says_since_when() -> None:
    now = NOW.astimezone(ZoneInfo("America/Los_Angeles"))  # Friday 2 PM
    assert is_past(FRIDAY, time(9, 0), now=now) and not is_past(FRIDAY, None, now=now)
    assert not is_past(FRIDAY, time(15, 0), now=now)
    assert overdue_words(FRIDAY, time(9, 0), now=now) == "overdue since 9 AM"
    assert overdue_words(date(2026, 12, 3), time(17, 0), now=now) == (
        "overdue since yesterday at 5 PM"
    )
    assert overdue_words(date(2026, 12, 1), None, now=now) == "overdue since Tue, Dec 1"


@pytest.mark.parametrize(
    ("at", "words"),
    [(time(17, 0), "17:00"), (time(9, 5), "09:05"), (time(0, 0), "00:00")],
)
def test_times_on_a_24_hour_clock(at: time, words: str) -> None:
    assert clock_words(at, DateStyle(clock="24h")) == words


@pytest.mark.parametrize(
    ("date_format", "this_year", "next_year"),
    [
        ("mdy", "Sun, Dec 20", "Fri, Jan 1, 2027"),
        ("dmy", "Sun, 20 Dec", "Fri, 1 Jan 2027"),
        ("ymd", "Sun, 2026-12-20", "Fri, 2027-01-01"),
    ],
)
def test_calendar_dates_in_the_users_format(
    date_format: str, this_year: str, next_year: str
) -> None:
    style = DateStyle(date_format=date_format)
    assert day_words(date(2026, 12, 20), today=FRIDAY, style=style) == this_year
    assert day_words(date(2027, 1, 1), today=FRIDAY, style=style) == next_year


def test_a_moment_on_a_24_hour_clock_day_first() -> None:
    style = DateStyle(clock="24h", date_format="dmy")
    assert moment_words(FRIDAY, time(17, 0), today=FRIDAY, style=style) == "today at 17:00"
    later = moment_words(date(2026, 12, 20), time(8, 30), today=FRIDAY, style=style)
    assert later == "Sun, 20 Dec at 08:30"
    overdue = overdue_words(date(2026, 12, 1), time(9, 0), now=NOW, style=style)
    assert overdue == "overdue since Tue, 1 Dec at 09:00"
