"""Tasks in words: titles quoted and escaped, schedules, list lines and long lists cut."""

from __future__ import annotations

from taskmate.assistant.wording.phrases import LISTED, NAMED
from taskmate.tasks.date_words import DateStyle
from tests.assistant.wording.tasks import task, words_in

SUNDAYS = "FREQ=WEEKLY;BYDAY=SU"


def test_a_title_is_quoted_and_escaped_only_in_markdown() -> None:
    bold = task("**Bold** move", task_id=7)
    assert words_in().quoted(bold) == "“**Bold** move”"
    assert words_in(markdown=True).quoted(bold) == "“\\*\\*Bold\\*\\* move”"
    assert words_in(ids=True).quoted(bold) == "“**Bold** move” (#7)"


def test_a_long_title_is_shortened() -> None:
    title = words_in().text("word " * 40)
    assert len(title) <= 80 and title.endswith("…")


def test_when_a_task_happens_in_the_users_zone() -> None:
    milk = task("Buy milk", "2026-12-05", "17:00")
    assert words_in("America/New_York").due(milk) == "tomorrow at 5 PM"
    assert words_in("Pacific/Auckland").due(milk) == "today at 5 PM"
    plants = task("Water plants", "2026-12-06", "18:00", rrule=SUNDAYS)
    assert words_in().schedule(plants) == "every Sunday at 6 PM"
    assert words_in().schedule(task("Someday")) is None


def test_list_lines_say_where_each_task_stands() -> None:
    words = words_in("America/Los_Angeles")  # Friday 2 PM
    assert words.line(task("Dentist appointment", "2026-12-05", "15:00")) == (
        "Dentist appointment — tomorrow at 3 PM"
    )
    assert words.line(task("Pay rent", "2026-12-01")) == "Pay rent — overdue since Tue, Dec 1"
    assert words.line(task("Stand-up", "2026-12-04", "09:00")) == "Stand-up — overdue since 9 AM"
    assert words.line(task("Water plants", "2026-12-06", "18:00", rrule=SUNDAYS)) == (
        "Water plants — Sunday at 6 PM, repeats every Sunday"
    )
    done = task("Taxes", "2026-12-01", completed_at="2026-12-03T20:00:00Z")
    assert words.line(done) == "Taxes — done yesterday"
    assert words.line(task("Someday")) == "Someday"


def test_titles_in_a_sentence_end_with_how_many_more() -> None:
    words = words_in()
    tasks = [task(name) for name in ("Milk", "Eggs", "Bread")]
    assert words.titles(tasks) == "“Milk”, “Eggs” and “Bread”"
    assert words.titles(tasks[:1]) == "“Milk”"
    many = [task(f"Task {n}") for n in range(NAMED + 3)]
    assert words.titles(many).endswith("“Task 4” and 3 more")
    dated = [task("Milk", "2026-12-05"), task("Eggs")]
    assert words.titles(dated, dated=True) == "“Milk” (tomorrow) and “Eggs”"


def test_a_long_list_is_cut_short() -> None:
    tasks = [task(f"Task {n}", task_id=n) for n in range(1, 31)]
    listed = words_in().numbered(tasks, total=42).splitlines()
    assert listed[:2] == ["1. Task 1", "2. Task 2"]
    assert listed[LISTED - 1] == f"{LISTED}. Task {LISTED}"
    assert listed[-1] == f"…and {42 - LISTED} more"
    assert "…and" not in words_in().numbered(tasks[:3])


def test_a_users_clock_and_date_format_shape_every_date() -> None:
    words = words_in("America/Los_Angeles", style=DateStyle(clock="24h", date_format="dmy"))
    assert words.due(task("Buy milk", "2026-12-05", "17:00")) == "tomorrow at 17:00"
    assert words.line(task("Pay rent", "2026-12-01")) == "Pay rent — overdue since Tue, 1 Dec"
    assert words.line(task("Stand-up", "2026-12-04", "09:00")) == "Stand-up — overdue since 09:00"
    plants = task("Water plants", "2026-12-06", "18:00", rrule=SUNDAYS)
    assert words.schedule(plants) == "every Sunday at 18:00"
