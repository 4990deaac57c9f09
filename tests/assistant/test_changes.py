"""Changes to tasks and lists: new titles, dates, priorities and lists."""

from datetime import date, time

import pytest

from taskmate.assistant.interpreter import TaskChanges, TaskRef, UpdateProject, UpdateTasks
from taskmate.assistant.interpreter.changes import read_update
from taskmate.tasks.dates import Due
from taskmate.tasks.fields import UNSET
from tests.assistant.helpers import NOW, read


def _update(text: str) -> UpdateTasks:
    args = read(text)
    assert isinstance(args, UpdateTasks), args
    return args


@pytest.mark.parametrize(
    ("text", "target", "day", "clock"),
    [
        ("move it to friday", TaskRef(kind="previous"), "2026-01-16", None),
        (
            "push the report to tomorrow 5pm",
            TaskRef(kind="match", title="report"),
            "2026-01-16",
            "17:00",
        ),
        ("dentist to friday", TaskRef(kind="match", title="dentist"), "2026-01-16", None),
        ("it to tomorrow 5pm", TaskRef(kind="previous"), "2026-01-16", "17:00"),
        (
            "postpone the meeting until next week",
            TaskRef(kind="match", title="meeting"),
            "2026-01-19",
            None,
        ),
        (
            "reschedule my haircut for monday at 4",
            TaskRef(kind="match", title="haircut"),
            "2026-01-19",
            "16:00",
        ),
        (
            "change the second one to next monday at 9",
            TaskRef(kind="position", position=2),
            "2026-01-19",
            "09:00",
        ),
        ("Move #3 to Friday 10am.", TaskRef(kind="ids", ids=(3,)), "2026-01-16", "10:00"),
    ],
)
def test_rescheduling(text: str, target: TaskRef, day: str, clock: str | None) -> None:
    update = _update(text)
    assert update.target == target
    due = update.changes.due
    assert isinstance(due, Due)
    assert due.date == date.fromisoformat(day)
    assert due.time == (clock and time.fromisoformat(clock))
    assert update.changes.title is UNSET


@pytest.mark.parametrize(
    ("text", "target", "changes"),
    [
        ("rename task 3 to call mom", TaskRef(kind="ids", ids=(3,)), TaskChanges(title="call mom")),
        (
            "rename the dentist one to call the dentist",
            TaskRef(kind="match", title="dentist"),
            TaskChanges(title="call the dentist"),
        ),
        (
            "change the second one to buy oat milk",
            TaskRef(kind="position", position=2),
            TaskChanges(title="buy oat milk"),
        ),
        ("make it high priority", TaskRef(kind="previous"), TaskChanges(priority=3)),
        (
            "set the priority of the report to urgent",
            TaskRef(kind="match", title="report"),
            TaskChanges(priority=4),
        ),
        ("prioritize taxes", TaskRef(kind="match", title="taxes"), TaskChanges(priority=3)),
        (
            "make the report high priority",
            TaskRef(kind="match", title="report"),
            TaskChanges(priority=3),
        ),
        (
            "mark the dentist one as urgent",
            TaskRef(kind="match", title="dentist"),
            TaskChanges(priority=4),
        ),
        (
            "move milk to the shopping list",
            TaskRef(kind="match", title="milk"),
            TaskChanges(project="shopping"),
        ),
        (
            "move milk to groceries",
            TaskRef(kind="match", title="milk"),
            TaskChanges(project="groceries"),
        ),
        (
            "remove the due date from #4",
            TaskRef(kind="ids", ids=(4,)),
            TaskChanges(due=None, recurrence=None),
        ),
    ],
)
def test_other_changes(text: str, target: TaskRef, changes: TaskChanges) -> None:
    assert _update(text) == UpdateTasks(target=target, changes=changes)


@pytest.mark.parametrize(
    ("text", "rrule"),
    [
        ("make the gym one repeat every weekday", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"),
        ("have the rent one repeat every month on the 1st", "FREQ=MONTHLY;BYMONTHDAY=1"),
    ],
)
def test_making_a_task_repeat(text: str, rrule: str) -> None:
    update = _update(text)
    assert update.target.kind == "match" and update.target.title in ("gym", "rent")
    assert update.changes.recurrence is not UNSET and update.changes.recurrence is not None
    assert update.changes.recurrence.rrule == rrule


def test_a_new_recurrence() -> None:
    found = read_update("make the lunch event repeat every friday", now=NOW)
    assert isinstance(found, UpdateTasks)
    changes = found.changes
    assert changes.recurrence is not UNSET and changes.recurrence is not None
    assert changes.recurrence.rrule == "FREQ=WEEKLY;BYDAY=FR"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "rename the groceries list to shopping",
            UpdateProject(name="groceries", new_name="shopping"),
        ),
        ("rename project work to office", UpdateProject(name="work", new_name="office")),
        ("archive the work project", UpdateProject(name="work", archived=True)),
        ("unarchive the garden list", UpdateProject(name="garden", archived=False)),
        ("make the work list blue", UpdateProject(name="work", color="#3b82f6")),
        ("paint my shopping list pink", UpdateProject(name="shopping", color="#ec4899")),
        (
            "change the colour of the work project to red",
            UpdateProject(name="work", color="#ef4444"),
        ),
    ],
)
def test_list_changes(text: str, expected: UpdateProject) -> None:
    assert read(text) == expected
