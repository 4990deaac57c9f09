"""Repeating rules in words, as ``tasks/recurrence.py`` writes them."""

from __future__ import annotations

from datetime import date, time

import pytest

from taskmate.assistant.wording.repeats import ordinal, repeat_words
from taskmate.tasks.recurrence import parse_recurrence
from tests.assistant.wording.tasks import NOW

TODAY = date(2026, 12, 4)
SUNDAY = date(2026, 12, 6)


@pytest.mark.parametrize(
    ("rrule", "at", "words"),
    [
        ("FREQ=WEEKLY;BYDAY=SU", time(18, 0), "every Sunday at 6 PM"),
        ("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", time(9, 0), "every weekday at 9 AM"),
        ("FREQ=WEEKLY;BYDAY=SA,SU", None, "every weekend"),
        ("FREQ=WEEKLY;BYDAY=MO,WE,FR", None, "every Monday, Wednesday and Friday"),
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", None, "every 2 weeks on Monday"),
        ("FREQ=WEEKLY", None, "every Sunday"),  # its day is the due date's
        ("FREQ=DAILY", time(7, 30), "every day at 7:30 AM"),
        ("FREQ=DAILY;INTERVAL=3", None, "every 3 days"),
        ("FREQ=MONTHLY;BYMONTHDAY=15", None, "every month on the 15th"),
        ("FREQ=MONTHLY;BYMONTHDAY=1,15", None, "every month on the 1st and 15th"),
        ("FREQ=MONTHLY;BYMONTHDAY=-1", None, "every month on the last day"),
        ("FREQ=MONTHLY;BYDAY=1MO", None, "every month on the first Monday"),
        ("FREQ=MONTHLY;BYDAY=-1FR", None, "every month on the last Friday"),
        ("FREQ=MONTHLY;INTERVAL=3", None, "every 3 months on the 6th"),
        ("FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=20", None, "every year on Jan 20"),
        ("FREQ=YEARLY", None, "every year on Dec 6"),
        ("FREQ=WEEKLY;BYDAY=SU;UNTIL=20261220T235959", None, "every Sunday until Sun, Dec 20"),
        ("RRULE:FREQ=WEEKLY;BYDAY=SU", None, "every Sunday"),
    ],
)
def test_rules_in_words(rrule: str, at: time | None, words: str) -> None:
    assert repeat_words(rrule, today=TODAY, start=SUNDAY, at=at) == words


@pytest.mark.parametrize(
    "rrule", ["FREQ=HOURLY", "FREQ=DAILY;COUNT=3", "FREQ=WEEKLY;BYDAY=XX", "nonsense", ""]
)
def test_rules_beyond_the_assistants_have_no_words(rrule: str) -> None:
    assert repeat_words(rrule, today=TODAY, start=SUNDAY) is None


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("every sunday at 6pm", "every Sunday at 6 PM"),
        ("every weekday at 9am", "every weekday at 9 AM"),
        ("monthly on the 15th", "every month on the 15th"),
        ("every other monday", "every 2 weeks on Monday"),
    ],
)
def test_what_the_interpreter_stores_reads_back(typed: str, words: str) -> None:
    found = parse_recurrence(typed, now=NOW)
    assert found is not None
    first = found.first
    rrule = found.recurrence.rrule
    assert repeat_words(rrule, today=TODAY, start=first.date, at=first.time) == words


def test_ordinals() -> None:
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 31)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "31st",
    ]  # fmt: skip
