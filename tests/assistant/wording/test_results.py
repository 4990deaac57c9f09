"""What each tool did, said once, from its result."""

from __future__ import annotations

from datetime import date

from taskmate.assistant.interpreter import DateRange, FindTasks
from taskmate.assistant.wording.results import reply, said
from tests.assistant.wording.tasks import task, words_in

SUNDAYS = "FREQ=WEEKLY;BYDAY=SU"
GROCERIES = {"id": 5, "name": "Groceries"}
THIS_WEEK = DateRange(start=date(2026, 11, 30), end=date(2026, 12, 6), text="this week")


def test_adding() -> None:
    words = words_in()
    milk = task("Buy milk", "2026-12-05", "17:00")
    assert said(words, "add_tasks", {"tasks": [milk]}) == "Added “Buy milk” for tomorrow at 5 PM."
    plants = task("Water plants", "2026-12-06", "18:00", rrule=SUNDAYS)
    assert said(words, "add_tasks", {"tasks": [plants]}) == (
        "Added “Water plants”, repeating every Sunday at 6 PM."
    )
    shopping = [task(name, project_id=5) for name in ("Milk", "Eggs", "Bread")]
    result: dict[str, object] = {"tasks": shopping, "projects": [GROCERIES]}
    assert said(words, "add_tasks", {**result, "created_project_ids": []}) == (
        "Added 3 tasks to Groceries: “Milk”, “Eggs” and “Bread”."
    )
    new_list = said(words, "add_tasks", {**result, "created_project_ids": [5]})
    assert "to Groceries (a new list):" in new_list


def test_changing() -> None:
    words = words_in()
    before = task("Call mom", "2026-12-06", "18:00", rrule=SUNDAYS)
    moved = {**before, "due": {"date": "2026-12-06", "time": "19:00", "text": "7pm"}}

    def updated(after: dict[str, object], **extra: object) -> str:
        return said(words, "update_tasks", {"tasks": [after], "previous": [before], **extra})

    assert updated(moved) == "Moved “Call mom” to Sunday at 7 PM, repeating every Sunday."
    assert updated({**before, "title": "Ring mom"}) == "Renamed “Call mom” to “Ring mom”."
    assert updated({**before, "project_id": 5}, projects=[GROCERIES]) == (
        "Moved “Call mom” to Groceries."
    )
    assert updated({**before, "priority": 3}) == "Set “Call mom” to high priority."
    assert updated({**before, "recurrence": None}) == "Stopped “Call mom” from repeating."
    assert updated({**moved, "title": "Ring mom"}) == (
        "Updated “Call mom”: renamed to “Ring mom” and due Sunday at 7 PM."
    )
    assert updated(before) == "Nothing to change: “Call mom” is already so."


def test_completing_reopening_deleting() -> None:
    words = words_in()
    dentist = task("Dentist appointment", "2026-12-05", "15:00")
    finished = {**dentist, "completed_at": "2026-12-04T21:00:00Z"}
    result = {"tasks": [finished], "previous": [dentist]}
    assert said(words, "complete_tasks", result) == "Done: “Dentist appointment”."
    plants = task("Water plants", "2026-12-06", "18:00", rrule=SUNDAYS)
    next_week = {**plants, "due": {"date": "2026-12-13", "time": "18:00", "text": ""}}
    assert said(words, "complete_tasks", {"tasks": [next_week], "previous": [plants]}) == (
        "Done: “Water plants”. Next time: Sun, Dec 13 at 6 PM."
    )
    assert said(words, "reopen_tasks", result) == "Reopened “Dentist appointment”."
    three = [task(name) for name in ("Milk", "Eggs", "Bread")]
    assert said(words, "delete_tasks", {"tasks": three, "previous": three}) == (
        "Deleted 3 tasks: “Milk”, “Eggs” and “Bread”."
    )


def test_finding_answers_with_a_list() -> None:
    words = words_in(markdown=True)
    tasks = [task("Buy milk", "2026-12-05", "17:00"), task("Pay *rent*", "2026-12-01")]
    query = FindTasks(when=THIS_WEEK)
    result = {"tasks": tasks, "total": 2}
    assert said(words, "find_tasks", result, query) == "You have 2 tasks due this week."
    assert reply(words, "find_tasks", result, query) == (
        "You have 2 tasks due this week:\n\n"
        "1. Buy milk — tomorrow at 5 PM\n"
        "2. Pay \\*rent\\* — overdue since Tue, Dec 1"
    )
    assert said(words, "find_tasks", {"tasks": tasks[:1]}, FindTasks()) == ("You have 1 open task.")
    overdue = FindTasks(overdue=True, project="Groceries")
    assert said(words, "find_tasks", {"tasks": []}, overdue) == (
        "You have no overdue tasks in Groceries."
    )


def test_finding_nothing_by_name() -> None:
    words = words_in()
    empty = {"tasks": [], "total": 0}
    assert said(words, "find_tasks", empty, FindTasks(text="bread")) == (
        "I couldn't find a task called “bread”."
    )
    assert said(words, "find_tasks", empty, FindTasks(text="bread", overdue=True)) == (
        "I couldn't find an overdue task called “bread”."
    )


def test_lists() -> None:
    words = words_in(markdown=True)
    work = {"id": 1, "name": "Work", "color": None, "archived": False}
    home = {**work, "id": 2, "name": "# Home"}
    assert reply(words, "list_projects", {"projects": [work, home]}) == (
        "You have 2 lists:\n\n- Work\n- \\# Home"
    )
    assert reply(words, "list_projects", {"projects": []}) == "You have no lists yet."
    renamed = {"projects": [{**work, "name": "Job"}], "previous": [work]}
    assert said(words, "update_project", renamed) == "Renamed the list “Work” to “Job”."
    archived = {"projects": [{**work, "archived": True}], "previous": [work]}
    assert said(words, "update_project", archived) == "Archived the list “Work”."
    assert said(words, "delete_project", {"projects": [work]}) == (
        "Deleted the list “Work”; its tasks are in your inbox now."
    )
