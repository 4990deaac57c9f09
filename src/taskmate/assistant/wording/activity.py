"""What one tool call did to one task, for the task's activity: "Created in Groceries, due
tomorrow at 5 PM", "Renamed from “Milk” to “Oat milk” and rescheduled to Friday at 9 AM",
"Completed", "Reminder added for today at 6 PM". The task is the subject already, so it is
not named; dates are said as of now, on the user's clock."""

from __future__ import annotations

from collections.abc import Callable

from taskmate.assistant.wording.phrases import Json, Wording
from taskmate.assistant.wording.reminders import instant_words, length_words
from taskmate.assistant.wording.repeats import joined
from taskmate.assistant.wording.results import PRIORITIES, changed_fields


def _of(tasks: list[Json] | None, task_id: int) -> Json | None:
    return next((task for task in tasks or [] if task.get("id") == task_id), None)


def _list_name(words: Wording, result: Json, project_id: int | None) -> str:
    if project_id is None:
        return "the inbox"
    names = {project["id"]: project["name"] for project in result.get("projects", [])}
    return words.text(names.get(project_id, "a list"))


def _created(words: Wording, result: Json, task: Json) -> str:
    said = "Created"
    if task["project_id"] is not None:
        said += f" in {_list_name(words, result, task['project_id'])}"
    if (repeats := words.repeats(task)) is not None:
        return f"{said}, repeating {repeats}"
    due = words.due(task)
    return f"{said}, due {due}" if due else said


def _clause(words: Wording, result: Json, field: str, before: Json, after: Json) -> str:
    if field == "title":
        return f"renamed from {words.quoted(before)} to {words.quoted(after)}"
    if field == "due":
        due = words.due(after)
        return f"rescheduled to {due}" if due else "date removed"
    if field == "recurrence":
        repeats = words.repeats(after)
        return f"set to repeat {repeats}" if repeats else "stopped repeating"
    if field == "project_id":
        return f"moved to {_list_name(words, result, after['project_id'])}"
    priority = PRIORITIES.get(after["priority"])
    return f"set to {priority} priority" if priority else "priority removed"


def _updated(words: Wording, result: Json, task: Json) -> str:
    before = _of(result.get("previous"), task["id"])
    fields = changed_fields(before, task) if before else []
    if before is None or not fields:
        return "Nothing changed"
    said = joined([_clause(words, result, field, before, task) for field in fields])
    return said[0].upper() + said[1:]


def _completed(words: Wording, _result: Json, task: Json) -> str:
    if task["completed_at"] is None and (due := words.due(task)):
        return f"Completed; next time {due}"  # a repeating task moved on to its next date
    return "Completed"


def _reminded(words: Wording, result: Json, task: Json) -> str:
    added = [e["reminder"] for e in result.get("reminded", []) if e["task_id"] == task["id"]]
    if not added:
        return "Reminder added"
    reminder = added[0]
    if reminder["kind"] == "relative" and reminder.get("before_minutes"):
        return f"Reminder added: {length_words(reminder['before_minutes'])} before it is due"
    if reminder["kind"] == "relative":
        return "Reminder added: when it is due"
    return f"Reminder added for {instant_words(words, reminder['at'])}"


def _snoozed(words: Wording, result: Json, _task: Json) -> str:
    return f"Reminder snoozed until {instant_words(words, result['until'])}"


def _fixed(text: str) -> Callable[[Wording, Json, Json], str]:
    return lambda _words, _result, _task: text


SAID: dict[str, Callable[[Wording, Json, Json], str]] = {
    "add_tasks": _created,
    "update_tasks": _updated,
    "complete_tasks": _completed,
    "reopen_tasks": _fixed("Reopened"),
    "delete_tasks": _fixed("Deleted"),
    "add_reminders": _reminded,
    "delete_reminders": _fixed("Reminders removed"),
    "snooze_reminder": _snoozed,
}


def activity_words(words: Wording, name: str, result: Json, task_id: int) -> str:
    """The change to task ``task_id`` that ``name`` made, as its ``result`` records it."""
    task = _of(result.get("tasks"), task_id)
    if name not in SAID or task is None:
        return "Changed"
    return SAID[name](words, result, task)
