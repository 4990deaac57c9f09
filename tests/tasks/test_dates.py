from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from taskmate.tasks.dates import Due, find_due, parse_due

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
TOKYO = ZoneInfo("Asia/Tokyo")
NOW = datetime(2026, 1, 15, 10, 0, tzinfo=BERLIN)  # a Thursday


def _d(text: str) -> date:
    return date.fromisoformat(text)


def _t(text: str | None) -> time | None:
    return None if text is None else time.fromisoformat(text)


# Relative to NOW, Thursday 2026-01-15 10:00 in Europe/Berlin.
PHRASES: list[tuple[str, str, str | None]] = [
    # relative days
    ("today", "2026-01-15", None),
    ("tonight", "2026-01-15", "20:00"),
    ("tomorrow", "2026-01-16", None),
    ("Tomorrow", "2026-01-16", None),
    ("tmrw", "2026-01-16", None),
    ("tmr", "2026-01-16", None),
    ("tomorow", "2026-01-16", None),
    ("tmrow 5pm", "2026-01-16", "17:00"),
    ("nxt thursday", "2026-01-22", None),
    ("nxt wknd", "2026-01-24", None),
    ("day after tomorrow", "2026-01-17", None),
    ("the day after tomorrow at ten", "2026-01-17", "10:00"),
    ("yesterday", "2026-01-14", None),
    # weekdays: bare = next such day, today included; "next" = strictly after today
    ("friday", "2026-01-16", None),
    ("on friday", "2026-01-16", None),
    ("this friday", "2026-01-16", None),
    ("next friday", "2026-01-16", None),
    ("thursday", "2026-01-15", None),
    ("next thursday", "2026-01-22", None),
    ("thursday 9am", "2026-01-22", "09:00"),
    ("thurs 3pm", "2026-01-15", "15:00"),
    ("mon", "2026-01-19", None),
    ("tue", "2026-01-20", None),
    ("tues", "2026-01-20", None),
    ("wed", "2026-01-21", None),
    ("thu", "2026-01-15", None),
    ("thur", "2026-01-15", None),
    ("fri", "2026-01-16", None),
    ("sat", "2026-01-17", None),
    ("sun", "2026-01-18", None),
    ("Wednesday", "2026-01-21", None),
    ("friday the 13th", "2026-02-13", None),
    ("friday jan 16 at 3pm", "2026-01-16", "15:00"),
    # weeks, months, ends
    ("weekend", "2026-01-17", None),
    ("this weekend", "2026-01-17", None),
    ("next weekend", "2026-01-24", None),
    ("next week", "2026-01-19", None),
    ("next month", "2026-02-01", None),
    ("next year", "2027-01-01", None),
    ("end of the month", "2026-01-31", None),
    ("end of month", "2026-01-31", None),
    ("eom", "2026-01-31", None),
    ("end of the week", "2026-01-16", None),
    ("eow", "2026-01-16", None),
    ("end of year", "2026-12-31", None),
    ("end of next month", "2026-02-28", None),
    ("end of next week", "2026-01-23", None),
    # offsets
    ("in 3 days", "2026-01-18", None),
    ("in three days", "2026-01-18", None),
    ("in twenty one days", "2026-02-05", None),
    ("in 2 weeks", "2026-01-29", None),
    ("in a week", "2026-01-22", None),
    ("in a fortnight", "2026-01-29", None),
    ("in a month", "2026-02-15", None),
    ("in 1 year", "2027-01-15", None),
    ("3 days from now", "2026-01-18", None),
    ("a week from today", "2026-01-22", None),
    ("in an hour", "2026-01-15", "11:00"),
    ("in 30 minutes", "2026-01-15", "10:30"),
    ("in 2 hours", "2026-01-15", "12:00"),
    ("in half an hour", "2026-01-15", "10:30"),
    ("in 90 minutes", "2026-01-15", "11:30"),
    ("in 3 days at 8am", "2026-01-18", "08:00"),
    # times alone: today when still ahead, else tomorrow
    ("at 5pm", "2026-01-15", "17:00"),
    ("5pm", "2026-01-15", "17:00"),
    ("5 pm", "2026-01-15", "17:00"),
    ("5:30pm", "2026-01-15", "17:30"),
    ("17:30", "2026-01-15", "17:30"),
    ("at 17", "2026-01-15", "17:00"),
    ("at 5", "2026-01-15", "17:00"),
    ("at 9", "2026-01-16", "09:00"),
    ("at 10", "2026-01-16", "10:00"),
    ("at 11", "2026-01-15", "11:00"),
    ("9am", "2026-01-16", "09:00"),
    ("8 a.m.", "2026-01-16", "08:00"),
    ("7 p.m.", "2026-01-15", "19:00"),
    ("12am", "2026-01-16", "00:00"),
    ("12pm", "2026-01-15", "12:00"),
    ("05:30", "2026-01-16", "05:30"),
    ("5:30", "2026-01-15", "17:30"),
    ("10:30", "2026-01-15", "10:30"),
    ("noon", "2026-01-15", "12:00"),
    ("midnight", "2026-01-16", "00:00"),
    # numbers as words
    ("seven o'clock", "2026-01-16", "07:00"),
    ("five o'clock", "2026-01-15", "17:00"),
    ("ten am", "2026-01-16", "10:00"),
    ("eleven am", "2026-01-15", "11:00"),
    ("five thirty pm", "2026-01-15", "17:30"),
    ("at five thirty", "2026-01-15", "17:30"),
    ("seven oh five pm", "2026-01-15", "19:05"),
    ("half past five", "2026-01-15", "17:30"),
    ("quarter past 9", "2026-01-16", "09:15"),
    ("quarter to 9", "2026-01-16", "08:45"),
    ("ten past 11", "2026-01-15", "11:10"),
    ("twenty to nine", "2026-01-16", "08:40"),
    ("ten minutes to nine", "2026-01-16", "08:50"),
    # parts of the day
    ("morning", "2026-01-16", "09:00"),
    ("afternoon", "2026-01-15", "15:00"),
    ("evening", "2026-01-15", "18:00"),
    ("night", "2026-01-15", "20:00"),
    ("this morning", "2026-01-15", "09:00"),
    ("this afternoon", "2026-01-15", "15:00"),
    ("tomorrow morning", "2026-01-16", "09:00"),
    ("tomorrow night", "2026-01-16", "20:00"),
    ("friday evening", "2026-01-16", "18:00"),
    ("tonight at 9", "2026-01-15", "21:00"),
    ("at 9 tonight", "2026-01-15", "21:00"),
    ("tomorrow evening at 7", "2026-01-16", "19:00"),
    ("tomorrow at 5 in the morning", "2026-01-16", "05:00"),
    # dates with times
    ("tomorrow 5pm", "2026-01-16", "17:00"),
    ("tomorrow at 5pm", "2026-01-16", "17:00"),
    ("at 5pm tomorrow", "2026-01-16", "17:00"),
    ("friday 9am", "2026-01-16", "09:00"),
    ("at 9am on friday", "2026-01-16", "09:00"),
    ("monday at 9", "2026-01-19", "09:00"),
    ("next tues at 2:30pm", "2026-01-20", "14:30"),
    ("noon tomorrow", "2026-01-16", "12:00"),
    ("tomorrow midnight", "2026-01-16", "00:00"),
    ("jan 20 at noon", "2026-01-20", "12:00"),
    ("jan 20 10:30", "2026-01-20", "10:30"),
    # days of month
    ("on the 1st", "2026-02-01", None),
    ("the 15th", "2026-01-15", None),
    ("on the 20th", "2026-01-20", None),
    ("on the twenty first", "2026-01-21", None),
    ("on the 31st", "2026-01-31", None),
    # calendar dates
    ("jan 20", "2026-01-20", None),
    ("january 20th", "2026-01-20", None),
    ("20 jan", "2026-01-20", None),
    ("20th of january", "2026-01-20", None),
    ("the 20th of january", "2026-01-20", None),
    ("january the 20th", "2026-01-20", None),
    ("1/20", "2026-01-20", None),
    ("1/20/27", "2027-01-20", None),
    ("12/25", "2026-12-25", None),
    ("2026-01-20", "2026-01-20", None),
    ("jan 20 2027", "2027-01-20", None),
    ("jan 20th, 2027", "2027-01-20", None),
    ("jan 5", "2027-01-05", None),
    ("march 3", "2026-03-03", None),
    ("may 5", "2026-05-05", None),
    ("5 may", "2026-05-05", None),
    ("on may first", "2026-05-01", None),
    ("first of may", "2026-05-01", None),
    ("sept 3", "2026-09-03", None),
    ("feb 29", "2028-02-29", None),
    # leading connectors
    ("by friday", "2026-01-16", None),
    ("due jan 20", "2026-01-20", None),
    # dateparser fallback (whole text only)
    ("2 weeks and 3 days", "2026-02-01", None),
]


@pytest.mark.parametrize(("phrase", "expected_date", "expected_time"), PHRASES)
def test_parse_due(phrase: str, expected_date: str, expected_time: str | None) -> None:
    due = parse_due(phrase, now=NOW)
    assert due == Due(date=_d(expected_date), time=_t(expected_time), text=phrase)


# (phrase, now, expected date, expected time): other days, month ends, DST, time zones.
EDGES: list[tuple[str, datetime, str, str | None]] = [
    # on a Friday
    ("friday", datetime(2026, 1, 16, 10, 0, tzinfo=BERLIN), "2026-01-16", None),
    ("next friday", datetime(2026, 1, 16, 10, 0, tzinfo=BERLIN), "2026-01-23", None),
    ("fri 9am", datetime(2026, 1, 16, 10, 0, tzinfo=BERLIN), "2026-01-23", "09:00"),
    ("friday 5pm", datetime(2026, 1, 16, 10, 0, tzinfo=BERLIN), "2026-01-16", "17:00"),
    # on a Sunday
    ("weekend", datetime(2026, 1, 18, 10, 0, tzinfo=BERLIN), "2026-01-18", None),
    ("next weekend", datetime(2026, 1, 18, 10, 0, tzinfo=BERLIN), "2026-01-24", None),
    ("end of week", datetime(2026, 1, 18, 10, 0, tzinfo=BERLIN), "2026-01-23", None),
    # year rollover
    ("jan 5", datetime(2026, 12, 20, 9, 0, tzinfo=BERLIN), "2027-01-05", None),
    ("dec 25", datetime(2026, 12, 20, 9, 0, tzinfo=BERLIN), "2026-12-25", None),
    ("dec 1", datetime(2026, 12, 20, 9, 0, tzinfo=BERLIN), "2027-12-01", None),
    ("next month", datetime(2026, 12, 20, 9, 0, tzinfo=BERLIN), "2027-01-01", None),
    ("in 2 weeks", datetime(2026, 12, 20, 9, 0, tzinfo=BERLIN), "2027-01-03", None),
    ("tomorrow", datetime(2026, 12, 31, 23, 0, tzinfo=BERLIN), "2027-01-01", None),
    # month ends and leap years
    ("in 1 month", datetime(2026, 1, 31, 9, 0, tzinfo=BERLIN), "2026-02-28", None),
    ("in a month", datetime(2028, 1, 31, 9, 0, tzinfo=BERLIN), "2028-02-29", None),
    ("end of month", datetime(2028, 2, 10, 9, 0, tzinfo=BERLIN), "2028-02-29", None),
    ("eom", datetime(2026, 2, 10, 9, 0, tzinfo=BERLIN), "2026-02-28", None),
    ("on the 31st", datetime(2026, 4, 10, 9, 0, tzinfo=BERLIN), "2026-05-31", None),
    ("on the 30th", datetime(2026, 1, 31, 9, 0, tzinfo=BERLIN), "2026-03-30", None),
    ("in 1 year", datetime(2028, 2, 29, 9, 0, tzinfo=BERLIN), "2029-02-28", None),
    # DST: wall-clock times are kept even when they do not exist
    ("2:30am", datetime(2026, 3, 8, 0, 30, tzinfo=NEW_YORK), "2026-03-08", "02:30"),
    ("at 2:30am", datetime(2026, 3, 7, 12, 0, tzinfo=NEW_YORK), "2026-03-08", "02:30"),
    ("tomorrow 2:30am", datetime(2026, 3, 28, 9, 0, tzinfo=BERLIN), "2026-03-29", "02:30"),
    # DST: elapsed time goes through UTC
    ("in 2 hours", datetime(2026, 3, 8, 1, 30, tzinfo=NEW_YORK), "2026-03-08", "04:30"),
    ("in 2 hours", datetime(2026, 11, 1, 0, 30, tzinfo=NEW_YORK), "2026-11-01", "01:30"),
    ("in 3 hours", datetime(2026, 11, 1, 0, 30, tzinfo=NEW_YORK), "2026-11-01", "02:30"),
    ("1:30am", datetime(2026, 11, 1, 0, 30, tzinfo=NEW_YORK), "2026-11-01", "01:30"),
    ("in 1 hour", datetime(2026, 3, 29, 1, 30, tzinfo=BERLIN), "2026-03-29", "03:30"),
    ("in 30 minutes", datetime(2026, 3, 29, 1, 30, tzinfo=BERLIN), "2026-03-29", "03:00"),
    ("in 1 day", datetime(2026, 3, 28, 2, 30, tzinfo=BERLIN), "2026-03-29", None),
    # the user's zone decides what "today" is
    ("tomorrow", datetime(2026, 1, 15, 23, 30, tzinfo=TOKYO), "2026-01-16", None),
    ("in 1 hour", datetime(2026, 1, 15, 23, 30, tzinfo=TOKYO), "2026-01-16", "00:30"),
]


@pytest.mark.parametrize(("phrase", "now", "expected_date", "expected_time"), EDGES)
def test_parse_due_edges(
    phrase: str, now: datetime, expected_date: str, expected_time: str | None
) -> None:
    due = parse_due(phrase, now=now)
    assert due is not None
    assert (due.date, due.time) == (_d(expected_date), _t(expected_time))


REJECTED = ["", "   ", "banana", "asdf", "buy milk", "second", "may", "march on", "in 5"]
REJECTED += ["at 25", "25:00", "13/13", "1/0", "feb 30 2026", "tomorrow banana", "5", "a"]


@pytest.mark.parametrize("text", REJECTED)
def test_parse_due_rejects(text: str) -> None:
    assert parse_due(text, now=NOW) is None


def test_parse_due_keeps_text_stripped() -> None:
    due = parse_due("  Tomorrow 5PM ", now=NOW)
    assert due == Due(date=date(2026, 1, 16), time=time(17, 0), text="Tomorrow 5PM")


def test_naive_now_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        parse_due("tomorrow", now=datetime(2026, 1, 15, 10, 0))
    with pytest.raises(ValueError, match="timezone-aware"):
        find_due("tomorrow", now=datetime(2026, 1, 15, 10, 0))


FOUND: list[tuple[str, str, str, str | None]] = [
    ("buy milk tomorrow at 5pm", "tomorrow at 5pm", "2026-01-16", "17:00"),
    ("call mom on friday morning", "friday morning", "2026-01-16", "09:00"),
    ("dentist jan 20 10:30", "jan 20 10:30", "2026-01-20", "10:30"),
    ("meet at 5pm tomorrow", "5pm tomorrow", "2026-01-16", "17:00"),
    ("gym friday 9am", "friday 9am", "2026-01-16", "09:00"),
    ("call at 9 on monday", "at 9 on monday", "2026-01-19", "09:00"),
    ("pay rent by the 1st", "the 1st", "2026-02-01", None),
    ("pay rent on the twenty first", "on the twenty first", "2026-01-21", None),
    ("Submit report by EOM", "EOM", "2026-01-31", None),
    ("move it from monday to friday", "friday", "2026-01-16", None),
    ("lunch at noon", "noon", "2026-01-15", "12:00"),
    ("renew passport in three weeks", "in three weeks", "2026-02-05", None),
    ("standup 9:30am daily", "9:30am", "2026-01-16", "09:30"),
    ("check the oven in 30 minutes please", "in 30 minutes", "2026-01-15", "10:30"),
    ("Dinner Tomorrow Night", "Tomorrow Night", "2026-01-16", "20:00"),
    ("book flights for march 3", "march 3", "2026-03-03", None),
    ("party on may 5th at 8pm", "may 5th at 8pm", "2026-05-05", "20:00"),
    ("pick up kids at half past three", "half past three", "2026-01-15", "15:30"),
    ("water plants sat", "sat", "2026-01-17", None),
    ("report due 2026-02-01", "2026-02-01", "2026-02-01", None),
    ("call bob at 3 o'clock", "3 o'clock", "2026-01-15", "15:00"),
    ("walk the dog in the evening", "in the evening", "2026-01-15", "18:00"),
    ("alarm at twenty to nine", "at twenty to nine", "2026-01-16", "08:40"),
    ("prepare tomorrow's meeting", "tomorrow's", "2026-01-16", None),
    ("notes for monday’s standup", "monday’s", "2026-01-19", None),
]


@pytest.mark.parametrize(("text", "phrase", "expected_date", "expected_time"), FOUND)
def test_find_due(text: str, phrase: str, expected_date: str, expected_time: str | None) -> None:
    found = find_due(text, now=NOW)
    assert found is not None
    assert text[found.start : found.end] == phrase
    assert found.due == Due(date=_d(expected_date), time=_t(expected_time), text=phrase)


@pytest.mark.parametrize(
    "text",
    [
        "may I have a march plan",
        "the second item",
        "sunflower seeds",
        "buy 5 apples",
        "room 101",
        "good morning team",
        "wait a second",
        "you may first need it",
        "march on",
        "meet in the office",
        "mayday mayday",
        "saturnalia party",
        "monument valley",
        "a few days of rest",
        "may the fourth be with you",
        "version 2.0",
        "work 9 to 5",
        "open from five to nine",
        "banana",
        "",
    ],
)
def test_find_due_ignores_ordinary_words(text: str) -> None:
    assert find_due(text, now=NOW) is None


def test_find_due_does_not_fall_back_to_dateparser() -> None:
    # dateparser would read this; the sentence search must not.
    assert find_due("2 weeks and 3 days", now=NOW) is None
