from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr

from taskmate.tasks.dates import Due, parse_due
from taskmate.tasks.recurrence import (
    Recurrence,
    find_recurrence,
    next_occurrence,
    parse_recurrence,
)

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 1, 15, 10, 0, tzinfo=BERLIN)  # a Thursday
WORKDAYS = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"


def _t(text: str | None) -> time | None:
    return None if text is None else time.fromisoformat(text)


# (phrase, rrule, first occurrence date, time), relative to NOW.
PHRASES: list[tuple[str, str, str, str | None]] = [
    ("every day", "FREQ=DAILY", "2026-01-15", None),
    ("daily", "FREQ=DAILY", "2026-01-15", None),
    ("everyday", "FREQ=DAILY", "2026-01-15", None),
    ("each day", "FREQ=DAILY", "2026-01-15", None),
    ("every weekday", WORKDAYS, "2026-01-15", None),
    ("every workday", WORKDAYS, "2026-01-15", None),
    ("every weekend", "FREQ=WEEKLY;BYDAY=SA,SU", "2026-01-17", None),
    ("every monday", "FREQ=WEEKLY;BYDAY=MO", "2026-01-19", None),
    ("every thursday", "FREQ=WEEKLY;BYDAY=TH", "2026-01-15", None),
    ("every mon and thu", "FREQ=WEEKLY;BYDAY=MO,TH", "2026-01-15", None),
    ("every mon, wed and fri at 7:30", "FREQ=WEEKLY;BYDAY=MO,WE,FR", "2026-01-16", "07:30"),
    ("every 2 weeks", "FREQ=WEEKLY;INTERVAL=2", "2026-01-15", None),
    ("every other week", "FREQ=WEEKLY;INTERVAL=2", "2026-01-15", None),
    ("biweekly", "FREQ=WEEKLY;INTERVAL=2", "2026-01-15", None),
    ("every 3 days", "FREQ=DAILY;INTERVAL=3", "2026-01-15", None),
    ("every third day", "FREQ=DAILY;INTERVAL=3", "2026-01-15", None),
    ("every 3 months", "FREQ=MONTHLY;INTERVAL=3", "2026-01-15", None),
    ("quarterly", "FREQ=MONTHLY;INTERVAL=3", "2026-01-15", None),
    ("weekly", "FREQ=WEEKLY", "2026-01-15", None),
    ("weekly on friday", "FREQ=WEEKLY;BYDAY=FR", "2026-01-16", None),
    ("monthly", "FREQ=MONTHLY", "2026-01-15", None),
    ("yearly", "FREQ=YEARLY", "2026-01-15", None),
    ("annually", "FREQ=YEARLY", "2026-01-15", None),
    ("every year", "FREQ=YEARLY", "2026-01-15", None),
    ("every month on the 15th", "FREQ=MONTHLY;BYMONTHDAY=15", "2026-01-15", None),
    ("monthly on the 15th", "FREQ=MONTHLY;BYMONTHDAY=15", "2026-01-15", None),
    ("monthly on the 20th", "FREQ=MONTHLY;BYMONTHDAY=20", "2026-01-20", None),
    ("every month on the 1st", "FREQ=MONTHLY;BYMONTHDAY=1", "2026-02-01", None),
    ("every 15th of the month", "FREQ=MONTHLY;BYMONTHDAY=15", "2026-01-15", None),
    ("every month on the 1st and 15th", "FREQ=MONTHLY;BYMONTHDAY=1,15", "2026-01-15", None),
    ("every last day of the month", "FREQ=MONTHLY;BYMONTHDAY=-1", "2026-01-31", None),
    ("every end of month", "FREQ=MONTHLY;BYMONTHDAY=-1", "2026-01-31", None),
    ("every 2 months on the last day", "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=-1", "2026-01-31", None),
    ("every first monday", "FREQ=MONTHLY;BYDAY=1MO", "2026-02-02", None),
    ("every last friday of the month", "FREQ=MONTHLY;BYDAY=-1FR", "2026-01-30", None),
    ("every jan 20", "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=20", "2026-01-20", None),
    ("every 20th of january", "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=20", "2026-01-20", None),
    ("every jan 5", "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=5", "2027-01-05", None),
    ("every year on march 3", "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=3", "2026-03-03", None),
    ("every weekday at 9am", WORKDAYS, "2026-01-16", "09:00"),
    ("every weekday at 11am", WORKDAYS, "2026-01-15", "11:00"),
    ("every day at 10am", "FREQ=DAILY", "2026-01-16", "10:00"),
    ("at 9am every day", "FREQ=DAILY", "2026-01-16", "09:00"),
    ("every thursday at 9", "FREQ=WEEKLY;BYDAY=TH", "2026-01-22", "09:00"),
    ("every other monday", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", "2026-01-19", None),
    ("every 2 weeks on friday", "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR", "2026-01-16", None),
    ("every morning", "FREQ=DAILY", "2026-01-16", "09:00"),
    ("every evening", "FREQ=DAILY", "2026-01-15", "18:00"),
    ("every monday morning", "FREQ=WEEKLY;BYDAY=MO", "2026-01-19", "09:00"),
    ("every day until feb 1", "FREQ=DAILY;UNTIL=20260201T235959", "2026-01-15", None),
]


@pytest.mark.parametrize(("phrase", "rrule", "first_date", "first_time"), PHRASES)
def test_parse_recurrence(phrase: str, rrule: str, first_date: str, first_time: str | None) -> None:
    found = parse_recurrence(phrase, now=NOW)
    assert found is not None
    assert found.recurrence == Recurrence(rrule=rrule, text=phrase)
    assert found.first == Due(date=date.fromisoformat(first_date), time=_t(first_time), text=phrase)
    assert (found.start, found.end) == (0, len(phrase))
    rrulestr(rrule, dtstart=datetime(2026, 1, 15))  # dateutil accepts it


@pytest.mark.parametrize(
    "text", ["", "every", "banana", "every second", "tomorrow", "every day banana", "every first"]
)
def test_parse_recurrence_rejects(text: str) -> None:
    assert parse_recurrence(text, now=NOW) is None


@pytest.mark.parametrize(
    ("text", "phrase", "rrule"),
    [
        ("water plants every monday", "every monday", "FREQ=WEEKLY;BYDAY=MO"),
        ("standup every weekday at 9:30am", "every weekday at 9:30am", WORKDAYS),
        ("pay rent monthly on the 1st please", "monthly on the 1st", "FREQ=MONTHLY;BYMONTHDAY=1"),
        ("take vitamins daily", "daily", "FREQ=DAILY"),
        ("Call Mom Every Sunday", "Every Sunday", "FREQ=WEEKLY;BYDAY=SU"),
    ],
)
def test_find_recurrence(text: str, phrase: str, rrule: str) -> None:
    found = find_recurrence(text, now=NOW)
    assert found is not None
    assert text[found.start : found.end] == phrase
    assert found.recurrence == Recurrence(rrule=rrule, text=phrase)


@pytest.mark.parametrize(
    "text", ["buy milk tomorrow", "everything is fine", "each of them", "write weekly report", ""]
)
def test_find_recurrence_none(text: str) -> None:
    assert find_recurrence(text, now=NOW) is None


def _due(day: str, clock: str | None = None) -> Due:
    return Due(date=date.fromisoformat(day), time=_t(clock), text="x")


# (rrule, after, expected next date, time): time of day kept as wall clock.
ROLLS: list[tuple[str, Due, str, str | None]] = [
    ("FREQ=WEEKLY;BYDAY=MO", _due("2026-01-19"), "2026-01-26", None),
    ("FREQ=WEEKLY", _due("2026-01-15", "18:00"), "2026-01-22", "18:00"),
    ("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", _due("2026-01-19"), "2026-02-02", None),
    ("FREQ=WEEKLY;BYDAY=MO,TH", _due("2026-01-15"), "2026-01-19", None),
    (WORKDAYS, _due("2026-01-16", "09:00"), "2026-01-19", "09:00"),
    (WORKDAYS, _due("2026-01-14", "09:00"), "2026-01-15", "09:00"),
    ("FREQ=DAILY;INTERVAL=3", _due("2026-01-30"), "2026-02-02", None),
    # monthly on the 31st skips short months (RFC 5545)
    ("FREQ=MONTHLY;BYMONTHDAY=31", _due("2026-01-31", "09:00"), "2026-03-31", "09:00"),
    ("FREQ=MONTHLY;BYMONTHDAY=31", _due("2026-03-31", "09:00"), "2026-05-31", "09:00"),
    ("FREQ=MONTHLY", _due("2026-01-31"), "2026-03-31", None),
    ("FREQ=MONTHLY;BYMONTHDAY=-1", _due("2026-01-31"), "2026-02-28", None),
    ("FREQ=MONTHLY;BYMONTHDAY=-1", _due("2028-01-31"), "2028-02-29", None),
    ("FREQ=MONTHLY;BYMONTHDAY=1,15", _due("2026-01-15"), "2026-02-01", None),
    ("FREQ=MONTHLY;BYDAY=1MO", _due("2026-02-02"), "2026-03-02", None),
    ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", _due("2028-02-29"), "2032-02-29", None),
    ("FREQ=YEARLY", _due("2026-01-20", "08:15"), "2027-01-20", "08:15"),
    # across DST changes the wall-clock time stays
    ("FREQ=WEEKLY", _due("2026-03-05", "09:30"), "2026-03-12", "09:30"),  # US spring forward
    ("FREQ=DAILY", _due("2026-03-28", "02:30"), "2026-03-29", "02:30"),  # Berlin, nonexistent
    ("FREQ=DAILY", _due("2026-10-31", "01:30"), "2026-11-01", "01:30"),  # US fall back, twice
    ("RRULE:FREQ=DAILY", _due("2026-12-31"), "2027-01-01", None),
    ("FREQ=DAILY;UNTIL=20260201T235959", _due("2026-01-31", "09:00"), "2026-02-01", "09:00"),
]


@pytest.mark.parametrize(("rrule", "after", "expected_date", "expected_time"), ROLLS)
def test_next_occurrence(
    rrule: str, after: Due, expected_date: str, expected_time: str | None
) -> None:
    found = next_occurrence(rrule, after=after)
    assert found is not None
    assert (found.date, found.time) == (date.fromisoformat(expected_date), _t(expected_time))


def test_next_occurrence_text_is_iso() -> None:
    assert next_occurrence("FREQ=DAILY", after=_due("2026-01-15")) == Due(
        date=date(2026, 1, 16), time=None, text="2026-01-16"
    )
    assert next_occurrence("FREQ=DAILY", after=_due("2026-01-15", "07:05")) == Due(
        date=date(2026, 1, 16), time=time(7, 5), text="2026-01-16 07:05"
    )


def test_next_occurrence_after_until_is_none() -> None:
    assert next_occurrence("FREQ=DAILY;UNTIL=20260201T235959", after=_due("2026-02-01")) is None


def test_rolling_a_parsed_rule() -> None:
    found = parse_recurrence("every weekday at 9am", now=NOW)
    assert found is not None
    due: Due | None = found.first
    seen = []
    for _ in range(5):
        assert due is not None
        seen.append((due.date.isoformat(), due.time))
        due = next_occurrence(found.recurrence.rrule, after=due)
    assert seen == [
        ("2026-01-16", time(9, 0)),
        ("2026-01-19", time(9, 0)),
        ("2026-01-20", time(9, 0)),
        ("2026-01-21", time(9, 0)),
        ("2026-01-22", time(9, 0)),
    ]


def test_naive_now_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        find_recurrence("every day", now=datetime(2026, 1, 15, 10, 0))


def test_rolled_text_parses_back() -> None:
    rolled = next_occurrence("FREQ=WEEKLY", after=_due("2026-01-15", "09:00"))
    assert rolled is not None
    assert parse_due(rolled.text, now=NOW) == rolled
