"""What one tool call did to one task, for its activity."""

from __future__ import annotations

from taskmate.assistant.touched import TASK_TOOLS, touched
from taskmate.assistant.wording.activity import SAID, activity_words
from taskmate.tasks.date_words import DateStyle
from tests.assistant.wording.tasks import task, words_in

SUNDAYS = "FREQ=WEEKLY;BYDAY=SU"
GROCERIES = {"id": 5, "name": "Groceries"}


def test_every_tool_that_changes_tasks_is_worded() -> None:
    assert set(SAID) == TASK_TOOLS


def test_the_tasks_a_call_changed_are_its_subjects() -> None:
    result = {"tasks": [task("A", task_id=3), task("B", task_id=8)]}
    assert touched("update_tasks", result) == ("task:3", "task:8")
    assert touched("find_tasks", result) == ()
    assert touched("add_tasks", {"error": "That didn't work."}) == ()


def test_creating_says_where_and_when() -> None:
    words = words_in()
    milk = task("Buy milk", "2026-12-05", "17:00", project_id=5)
    result = {"tasks": [milk], "projects": [GROCERIES]}
    assert activity_words(words, "add_tasks", result, 1) == (
        "Created in Groceries, due tomorrow at 5 PM"
    )
    plants = task("Water plants", "2026-12-06", "18:00", rrule=SUNDAYS)
    assert activity_words(words, "add_tasks", {"tasks": [plants]}, 1) == (
        "Created, repeating every Sunday at 6 PM"
    )


def test_changing_says_each_change_of_this_task() -> None:
    words = words_in(style=DateStyle(clock="24h", date_format="dmy"))
    before = task("Call mom", "2026-12-06", "18:00")
    other = task("Call dad", task_id=2)

    def updated(after: dict[str, object], **extra: object) -> str:
        result = {"tasks": [other, after], "previous": [other, before], **extra}
        return activity_words(words, "update_tasks", result, 1)

    moved = {**before, "due": {"date": "2026-12-16", "time": "07:30", "text": "typed"}}
    assert updated(moved) == "Rescheduled to Wed, 16 Dec at 07:30"
    assert updated({**before, "due": None}) == "Date removed"
    assert updated({**moved, "title": "Ring mom"}) == (
        "Renamed from “Call mom” to “Ring mom” and rescheduled to Wed, 16 Dec at 07:30"
    )
    assert updated({**before, "project_id": 5}, projects=[GROCERIES]) == "Moved to Groceries"
    assert updated({**before, "priority": 4}) == "Set to urgent priority"
    assert updated({**before, "recurrence": {"rrule": SUNDAYS, "text": "x"}}) == (
        "Set to repeat every Sunday at 18:00"
    )
    assert updated(before) == "Nothing changed"


def test_completing_a_repeating_task_says_when_it_comes_next() -> None:
    words = words_in()
    plants = task("Water plants", "2026-12-13", "18:00", rrule=SUNDAYS)
    assert activity_words(words, "complete_tasks", {"tasks": [plants]}, 1) == (
        "Completed; next time Sun, Dec 13 at 6 PM"
    )
    done = task("Dentist", completed_at="2026-12-04T21:00:00Z")
    assert activity_words(words, "complete_tasks", {"tasks": [done]}, 1) == "Completed"


def test_reminders() -> None:
    words = words_in()
    dentist = task("Dentist", "2026-12-05", "15:00")
    at: dict[str, object] = {
        "kind": "absolute",
        "before_minutes": None,
        "at": "2026-12-05T14:00:00Z",
    }
    ahead: dict[str, object] = {"kind": "relative", "before_minutes": 30, "at": None}

    def reminded(reminder: dict[str, object]) -> str:
        result = {"tasks": [dentist], "reminded": [{"task_id": 1, "reminder": reminder}]}
        return activity_words(words, "add_reminders", result, 1)

    assert reminded(at) == "Reminder added for tomorrow at 9 AM"
    assert reminded(ahead) == "Reminder added: 30 minutes before it is due"
    snoozed = {"tasks": [dentist], "until": "2026-12-04T22:10:00+00:00"}
    assert activity_words(words, "snooze_reminder", snoozed, 1) == (
        "Reminder snoozed until today at 5:10 PM"
    )
