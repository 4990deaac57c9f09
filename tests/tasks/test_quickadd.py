from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from taskmate.tasks.dates import Due
from taskmate.tasks.quickadd import QuickAdd, parse_quick_add
from taskmate.tasks.recurrence import Recurrence

NOW = datetime(2026, 1, 15, 10, 0, tzinfo=ZoneInfo("Europe/Berlin"))  # a Thursday
TOMORROW = date(2026, 1, 16)


def test_protocol_example() -> None:
    assert parse_quick_add("buy milk tomorrow 5pm #errands @shop p1", now=NOW) == QuickAdd(
        title="buy milk",
        due=Due(date=TOMORROW, time=time(17, 0), text="tomorrow 5pm"),
        recurrence=None,
        project="errands",
        labels=("shop",),
        priority=4,
    )


@pytest.mark.parametrize(
    ("text", "title", "due_time"),
    [
        ('"meet at 5pm" tomorrow', "meet at 5pm", None),
        ("'call at 5pm' tomorrow", "call at 5pm", None),
        ("“dinner at 8” tomorrow", "dinner at 8", None),
        ("‘lunch at noon’ tomorrow", "lunch at noon", None),
        ('tomorrow at 9am "read  chapter 3  twice"', "read  chapter 3  twice", time(9, 0)),
        ("'it's 5pm somewhere' tomorrow", "it's 5pm somewhere", None),
    ],
)
def test_quoted_text_is_literal(text: str, title: str, due_time: time | None) -> None:
    parsed = parse_quick_add(text, now=NOW)
    assert parsed.title == title
    assert parsed.due is not None
    assert (parsed.due.date, parsed.due.time) == (TOMORROW, due_time)


def test_markers_inside_quotes_are_literal() -> None:
    parsed = parse_quick_add('"#notaproject @nolabel p1 friday" read', now=NOW)
    assert parsed == QuickAdd(
        title="#notaproject @nolabel p1 friday read",
        due=None,
        recurrence=None,
        project=None,
        labels=(),
        priority=0,
    )


@pytest.mark.parametrize(
    ("text", "title", "project", "labels", "priority"),
    [
        ("buy milk", "buy milk", None, (), 0),
        ("report #work", "report", "work", (), 0),
        ('report #"home office" p2', "report", "home office", (), 3),
        ("report #home-office_2", "report", "home-office_2", (), 0),
        ("report #a #b", "report", "b", (), 0),
        ("fix issue #42", "fix issue #42", None, (), 0),
        ("learn c# basics", "learn c# basics", None, (), 0),
        ("pack @Travel @home @travel", "pack", None, ("Travel", "home"), 0),
        ("email a@b.com now", "email a@b.com now", None, (), 0),
        ("ping @bob, then @alice.", "ping, then.", None, ("bob", "alice"), 0),
        ("task p1", "task", None, (), 4),
        ("task P2", "task", None, (), 3),
        ("task p3", "task", None, (), 2),
        ("task p4", "task", None, (), 1),
        ("task p5", "task p5", None, (), 0),
        ("task p1 p3", "task", None, (), 2),
        ("plan p1x", "plan p1x", None, (), 0),
        ("#errands @shop p1", "#errands @shop p1", "errands", ("shop",), 4),
    ],
)
def test_markers(
    text: str, title: str, project: str | None, labels: tuple[str, ...], priority: int
) -> None:
    parsed = parse_quick_add(text, now=NOW)
    assert (parsed.title, parsed.project, parsed.labels, parsed.priority) == (
        title,
        project,
        labels,
        priority,
    )
    assert parsed.due is None
    assert parsed.recurrence is None


@pytest.mark.parametrize(
    ("text", "title", "due_text", "due_date", "due_time"),
    [
        ("pay rent by friday", "pay rent", "friday", "2026-01-16", None),
        ("call mom on friday morning", "call mom", "friday morning", "2026-01-16", time(9, 0)),
        ("meeting due on jan 20", "meeting", "jan 20", "2026-01-20", None),
        ("call bob at 5pm", "call bob", "5pm", "2026-01-15", time(17, 0)),
        ("meet bob at 5pm tomorrow", "meet bob", "5pm tomorrow", "2026-01-16", time(17, 0)),
        ("buy milk, tomorrow", "buy milk", "tomorrow", "2026-01-16", None),
        ("tomorrow: call the bank", "call the bank", "tomorrow", "2026-01-16", None),
        ("look at the stars tomorrow", "look at the stars", "tomorrow", "2026-01-16", None),
        ("  lots   of   space   tomorrow  ", "lots of space", "tomorrow", "2026-01-16", None),
        ("buy milk tomorrow #errands 5pm", "buy milk", "tomorrow 5pm", "2026-01-16", time(17, 0)),
        ("Dentist Jan 20 10:30", "Dentist", "Jan 20 10:30", "2026-01-20", time(10, 30)),
        ("tomorrow 5pm", "tomorrow 5pm", "tomorrow 5pm", "2026-01-16", time(17, 0)),
        ("write weekly report tomorrow", "write weekly report", "tomorrow", "2026-01-16", None),
        (
            "prepare tomorrow's meeting notes",
            "prepare meeting notes",
            "tomorrow's",
            "2026-01-16",
            None,
        ),
    ],
)
def test_due_dates(
    text: str, title: str, due_text: str, due_date: str, due_time: time | None
) -> None:
    parsed = parse_quick_add(text, now=NOW)
    assert parsed.title == title
    assert parsed.due == Due(date=date.fromisoformat(due_date), time=due_time, text=due_text)
    assert parsed.recurrence is None


def test_recurrence() -> None:
    assert parse_quick_add("water plants every monday", now=NOW) == QuickAdd(
        title="water plants",
        due=Due(date=date(2026, 1, 19), time=None, text="every monday"),
        recurrence=Recurrence(rrule="FREQ=WEEKLY;BYDAY=MO", text="every monday"),
        project=None,
        labels=(),
        priority=0,
    )


def test_recurrence_with_time_and_markers() -> None:
    parsed = parse_quick_add("standup every weekday at 9:30am #work @team p2", now=NOW)
    assert parsed == QuickAdd(
        title="standup",
        due=Due(date=TOMORROW, time=time(9, 30), text="every weekday at 9:30am"),
        recurrence=Recurrence(
            rrule="FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", text="every weekday at 9:30am"
        ),
        project="work",
        labels=("team",),
        priority=3,
    )


def test_nothing_but_spaces() -> None:
    parsed = parse_quick_add("   ", now=NOW)
    assert (parsed.title, parsed.due, parsed.project, parsed.labels) == ("", None, None, ())


def test_unicode_digits_are_not_numbers() -> None:
    parsed = parse_quick_add("call ² tomorrow", now=NOW)
    assert parsed.title == "call ²"
