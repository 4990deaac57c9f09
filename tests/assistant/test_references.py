"""Which tasks completing, reopening, deleting and changing commands point at."""

from datetime import date

import pytest

from taskmate.assistant.interpreter import (
    CompleteTasks,
    DateRange,
    DeleteProject,
    DeleteTasks,
    ReopenTasks,
    TaskRef,
    UpdateTasks,
)
from tests.assistant.helpers import read

TODAY = date(2026, 1, 15)
TOMORROW = date(2026, 1, 16)


def _target(text: str) -> TaskRef:
    args = read(text)
    assert isinstance(args, CompleteTasks | ReopenTasks | DeleteTasks | UpdateTasks), args
    return args.target


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("complete #3", (3,)),
        ("mark task 3 as done", (3,)),
        ("delete task three", (3,)),
        ("done with #12", (12,)),
        ("complete tasks 3 and 5", (3, 5)),
        ("delete #4, #7 and #9", (4, 7, 9)),
        ("reopen task number 2", (2,)),
        ("I finished #3.", (3,)),
    ],
)
def test_ids(text: str, ids: tuple[int, ...]) -> None:
    assert _target(text) == TaskRef(kind="ids", ids=ids)


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("delete the second one", 2),
        ("complete the 2nd one", 2),
        ("mark the first task as done", 1),
        ("tick off number 3", 3),
        ("remove item three", 3),
        ("delete the last one", -1),
        ("delete the last line", -1),
        ("uncheck the last one", -1),
        ("done with the second", 2),
        ("complete 3", 3),
    ],
)
def test_positions_in_the_list_shown(text: str, position: int) -> None:
    assert _target(text) == TaskRef(kind="position", position=position)


@pytest.mark.parametrize(
    "text",
    [
        "delete it",
        "mark it as done",
        "that one is done",
        "complete them",
        "remove that item from my list",
        "drop it from list",
        "reopen it",
        "mark this as not done",
    ],
)
def test_anaphora(text: str) -> None:
    assert _target(text) == TaskRef(kind="previous")


@pytest.mark.parametrize(
    ("text", "title", "project"),
    [
        ("mark the dentist one as done", "dentist", None),
        ("delete the groceries one", "groceries", None),
        ("remove pepper from my grocery list", "pepper", "grocery"),
        ("take milk off my grocery list", "milk", "grocery"),
        ("I finished the report", "report", None),
        ("the laundry is done", "laundry", None),
        ("cancel my dentist appointment", "dentist appointment", None),
        ("i don't want eggs", "eggs", None),
        ("cross out bread from shopping list", "bread", "shopping"),
        ("put milk back on my list", "milk", None),
        ("actually i didn't finish the report", "report", None),
    ],
)
def test_title_words(text: str, title: str, project: str | None) -> None:
    assert _target(text) == TaskRef(kind="match", title=title, project=project)


def test_title_narrowed_by_a_day() -> None:
    assert _target("delete the meeting on tuesday") == TaskRef(
        kind="match",
        title="meeting",
        when=DateRange(start=date(2026, 1, 20), end=date(2026, 1, 20), text="tuesday"),
    )


@pytest.mark.parametrize(
    ("text", "title", "start", "end"),
    [
        ("clear my schedule for today", None, TODAY, TODAY),
        ("delete all my meetings tomorrow", "meetings", TOMORROW, TOMORROW),
        ("remove all events for the next five days", None, TODAY, date(2026, 1, 19)),
        ("remove all my meetings for the rest of the week", "meetings", TODAY, date(2026, 1, 18)),
        ("clear calendar for this month", None, date(2026, 1, 1), date(2026, 1, 31)),
        ("delete everything", None, None, None),
        ("completely clear my calendar please", None, None, None),
    ],
)
def test_everything_matching(
    text: str, title: str | None, start: date | None, end: date | None
) -> None:
    target = _target(text)
    assert (target.kind, target.title) == ("all", title)
    assert (target.when and target.when.start, target.when and target.when.end) == (start, end)


def test_next_one_counts_from_today() -> None:
    target = _target("delete the next event on the calendar")
    assert (target.kind, target.position) == ("position", 1)
    assert target.when == DateRange(start=TODAY, end=None, text="next")


def test_position_among_matches() -> None:
    target = _target("cancel the first meeting today")
    assert (target.kind, target.position, target.title) == ("position", 1, "meeting")
    assert target.when is not None
    assert target.when.start == TODAY


def test_clearing_a_list_empties_it() -> None:
    assert _target("clear my shopping list") == TaskRef(kind="all", project="shopping")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("delete the shopping list", "shopping"),
        ("remove the santana music list", "santana music"),
        ("remove the list of things to do", "things to do"),
        ("please delete list titled kickball", "kickball"),
        ("i don't want this list any more", None),
        ("remove a list", None),
    ],
)
def test_deleting_a_list(text: str, name: str | None) -> None:
    assert read(text) == DeleteProject(name=name)
