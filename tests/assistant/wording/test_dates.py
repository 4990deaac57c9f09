"""Dates in words, relative to the user's own day, whatever their zone and across DST."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from taskmate.assistant.wording.dates import (
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
