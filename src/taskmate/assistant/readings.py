"""A reading of a message said in words, for asking which of two readings was meant:
"Add “call mom” as a task" or "Show tasks about “call mom”"."""

from __future__ import annotations

from taskmate.assistant.interpreter import (
    AddProject,
    AddTasks,
    Args,
    Chat,
    CompleteTasks,
    DeleteProject,
    DeleteTasks,
    FindTasks,
    Help,
    ListProjects,
    Reminder,
    ReopenTasks,
    SnoozeReminder,
    TaskChanges,
    TaskRef,
    Undo,
    Unknown,
    UpdateProject,
    UpdateTasks,
)
from taskmate.assistant.wording.reminders import length_words


def _quoted(names: list[str]) -> str:
    quoted = [f"“{name}”" for name in names]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} and {quoted[-1]}"


def _target(ref: TaskRef) -> str:
    if ref.kind == "ids":
        return _quoted([f"#{task_id}" for task_id in ref.ids])
    if ref.title is not None:
        return f"“{ref.title}”"
    if ref.kind == "all" and ref.when is not None:
        return f"the tasks of {ref.when.text}"
    return "that task" if ref.kind != "all" else "those tasks"


def _list(name: str | None) -> str:
    return f"the list “{name}”" if name else "this list"


def described(args: Args) -> str:
    """What acting on ``args`` would do, as an option's label."""
    match args:
        case AddTasks(tasks=tasks):
            names = _quoted([task.title or "a task" for task in tasks])
            return f"Add {names} as {'a task' if len(tasks) == 1 else 'tasks'}"
        case FindTasks(text=text):
            return f"Show tasks about “{text}”" if text else "Show your tasks"
        case UpdateTasks(target=target, changes=TaskChanges(reminder=None)):
            return f"Remove the reminders of {_target(target)}"
        case UpdateTasks(target=target, changes=TaskChanges(reminder=Reminder())):
            return f"Add a reminder to {_target(target)}"
        case UpdateTasks(target=target):
            return f"Change {_target(target)}"
        case CompleteTasks(target=target):
            return f"Mark {_target(target)} as done"
        case ReopenTasks(target=target):
            return f"Reopen {_target(target)}"
        case DeleteTasks(target=target):
            return f"Delete {_target(target)}"
        case AddProject(name=name):
            return f"Create {_list(name)}"
        case ListProjects():
            return "Show your lists"
        case UpdateProject(name=name):
            return f"Change {_list(name)}"
        case DeleteProject(name=name):
            return f"Delete {_list(name)}"
        case SnoozeReminder(minutes=minutes):
            return f"Snooze the reminder for {length_words(minutes)}"
        case Undo():
            return "Undo your last change"
        case Help():
            return "Tell me what you can do"
        case Chat() | Unknown():
            return "Nothing, thanks"
