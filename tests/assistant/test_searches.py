"""Searches: filters for text, dates, lists, labels and status; and listing the lists."""

from datetime import date

import pytest

from taskmate.assistant.interpreter import DateRange, FindTasks, ListProjects
from tests.assistant.helpers import read

TODAY = date(2026, 1, 15)


def _search(text: str) -> FindTasks:
    args = read(text)
    assert isinstance(args, FindTasks), args
    return args


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("what's due today?", TODAY, TODAY),
        ("what do i have tomorrow", date(2026, 1, 16), date(2026, 1, 16)),
        ("show my tasks for this week", date(2026, 1, 12), date(2026, 1, 18)),
        ("what do i have going on next week", date(2026, 1, 19), date(2026, 1, 25)),
        ("am i busy this weekend", date(2026, 1, 17), date(2026, 1, 18)),
        ("what meetings are there in march", date(2026, 3, 1), date(2026, 3, 31)),
        ("do i have any calendar events this month", date(2026, 1, 1), date(2026, 1, 31)),
        ("what is on november twenty", date(2026, 11, 20), date(2026, 11, 20)),
        ("tell me all the events between today and the twenty first", TODAY, date(2026, 1, 21)),
        ("do i have anything between eight am and five pm today", TODAY, TODAY),
        ("what events are coming up", TODAY, None),
        ("when is my next meeting", TODAY, None),
        ("what's on my calendar for friday", date(2026, 1, 16), date(2026, 1, 16)),
    ],
)
def test_date_ranges(text: str, start: date, end: date | None) -> None:
    when = _search(text).when
    assert when is not None
    assert (when.start, when.end) == (start, end)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("what's on my grocery list", FindTasks(project="grocery")),
        ("are eggs on my shopping list", FindTasks(text="egg", project="shopping")),
        ("anything overdue?", FindTasks(overdue=True)),
        ("show completed tasks", FindTasks(status="done")),
        ("show all tasks including done ones", FindTasks(status="all")),
        ("show tasks #work @home", FindTasks(project="work", label="home")),
        ("find tasks about taxes", FindTasks(text="taxe")),
        ("do i have anything on my to do list", FindTasks()),
        (
            "how many meetings do i have this week",
            FindTasks(
                text="meeting",
                when=DateRange(start=date(2026, 1, 12), end=date(2026, 1, 18), text="this week"),
            ),
        ),
    ],
)
def test_filters(text: str, expected: FindTasks) -> None:
    assert _search(text) == expected


def test_done_this_week() -> None:
    found = _search("what did i finish this week")
    assert found.status == "done"
    assert found.when is not None
    assert found.when.start == date(2026, 1, 12)


@pytest.mark.parametrize(
    "text",
    [
        "what lists do i have",
        "show me all my projects",
        "can i see my work lists",
        "what were the last five lists i made",
        "display available lists",
    ],
)
def test_the_lists_themselves(text: str) -> None:
    assert read(text) == ListProjects()
