"""A delete's question says what will happen, in the user's words, for both assistants."""

from __future__ import annotations

from taskmate.assistant.confirm import delete_project_question, delete_tasks_question
from tests.assistant.wording.tasks import task, words_in


def test_one_task_is_named_with_its_date() -> None:
    dentist = task("Dentist appointment", "2026-12-05", "15:00", task_id=4)
    assert delete_tasks_question([dentist], words_in()) == (
        "Delete “Dentist appointment” (tomorrow at 3 PM)? You can undo this for 10 minutes."
    )


def test_several_tasks_are_named_together() -> None:
    tasks = [task(name) for name in ("Milk", "Eggs", "Bread")]
    assert delete_tasks_question(tasks, words_in()) == (
        "Delete 3 tasks: “Milk”, “Eggs” and “Bread”? You can undo this for 10 minutes."
    )


def test_a_list_says_where_its_tasks_go() -> None:
    assert delete_project_question("Work", 4) == (
        "Delete the list “Work”? Its 4 open tasks move to your inbox."
        " You can undo this for 10 minutes."
    )
    assert "Its open task moves" in delete_project_question("Work", 1)
    assert "It has no open tasks." in delete_project_question("Work", 0)
