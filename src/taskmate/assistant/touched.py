"""The tasks a tool call changed, named as subjects of its item ("task:12") so that a task's
activity finds the calls (``chat.subjects``)."""

from __future__ import annotations

from typing import Any

# The tools that change tasks (their results list the tasks under "tasks"), and what each
# did to them, as a task's activity names it.
ACTIONS = {
    "add_tasks": "created",
    "update_tasks": "updated",
    "complete_tasks": "completed",
    "reopen_tasks": "reopened",
    "delete_tasks": "deleted",
    "add_reminders": "reminder_added",
    "delete_reminders": "reminders_removed",
    "snooze_reminder": "reminder_snoozed",
}
TASK_TOOLS = frozenset(ACTIONS)


def task_subject(task_id: int) -> str:
    return f"task:{task_id}"


def touched(name: str, result: Any) -> tuple[str, ...]:
    """The subjects of a finished call: none for a search, a failure or a list's change."""
    if name not in TASK_TOOLS or not isinstance(result, dict):
        return ()
    return tuple(task_subject(task["id"]) for task in result.get("tasks") or [])
