"""Conversation titles without a model: what the first request did, in a few words ("Add: buy
milk", "Tasks due this week", "Delete: dentist", "Rename list: groceries").

The subject is what the turn acted on (the tasks' titles, as the tool result gives them), so
"delete the second one" is titled by the task it deleted; when nothing was acted on, what the
request named. Small talk and requests the assistant does not understand get no title: the
next request has its chance.
"""

from __future__ import annotations

from collections.abc import Sequence

from taskmate.assistant.interpreter import (
    AddProject,
    AddTasks,
    Args,
    CompleteTasks,
    DeleteProject,
    DeleteTasks,
    FindTasks,
    Help,
    ListProjects,
    ReopenTasks,
    TaskRef,
    UpdateProject,
    UpdateTasks,
)
from taskmate.tasks.fields import UNSET

MAX_LENGTH = 40


def _shortened(text: str) -> str:
    """At most ``MAX_LENGTH`` characters, cut at a word, first letter capitalised."""
    text = " ".join(text.split())
    if len(text) > MAX_LENGTH:
        cut = text[: MAX_LENGTH - 1].rsplit(" ", 1)[0] or text[: MAX_LENGTH - 1]
        text = cut.rstrip(" ,.;:") + "…"
    return text[:1].upper() + text[1:]


def _named(ref: TaskRef) -> str | None:
    if ref.kind == "ids":
        return ", ".join(f"#{task_id}" for task_id in ref.ids)
    return ref.title


def _update_verb(args: UpdateTasks) -> str:
    changes = args.changes
    if changes.reminder is not UNSET:
        return "Remind" if changes.reminder else "Stop reminders"
    if changes.title is not UNSET:
        return "Rename"
    if changes.due is not UNSET or changes.recurrence is not UNSET:
        return "Reschedule"
    if changes.priority is not UNSET:
        return "Prioritise"
    if changes.project is not UNSET:
        return "Move"
    return "Change"


def _search(args: FindTasks) -> str:
    if args.reminders:
        return "Your reminders" + (f" {args.when.text}" if args.when else "")
    dated_done = args.status == "done" and args.when is not None
    noun = {"open": "Tasks", "done": "Done tasks", "all": "All tasks"}[args.status]
    if args.overdue or dated_done:
        noun = "Overdue tasks" if args.overdue else "Tasks"
    parts = [noun]
    if args.text:
        parts.append(f"about {args.text}")
    if args.project:
        parts.append(f"in {args.project}")
    if args.label:
        parts.append(f"labelled {args.label}")
    if args.when is not None:
        parts.append(("done " if args.status == "done" else "due ") + args.when.text)
    return "Your tasks" if parts == ["Tasks"] else " ".join(parts)


def _project(args: AddProject | UpdateProject | DeleteProject) -> str | None:
    if args.name is None:
        return None
    if isinstance(args, AddProject):
        return f"New list: {args.name}"
    if isinstance(args, DeleteProject):
        return f"Delete list: {args.name}"
    if args.archived is not UNSET:
        return f"{'Archive' if args.archived else 'Unarchive'} list: {args.name}"
    if args.color is not UNSET:
        return f"Recolour list: {args.name}"
    return f"Rename list: {args.name}"


def conversation_title(args: Args, subjects: Sequence[str]) -> str | None:
    """The title for a conversation whose first request read as ``args`` and acted on
    ``subjects``; None when it says nothing about what the conversation is for."""
    if isinstance(args, FindTasks):
        return _shortened(_search(args))
    if isinstance(args, ListProjects):
        return "Your lists"
    if isinstance(args, Help):
        return "What the assistant can do"
    if isinstance(args, AddProject | UpdateProject | DeleteProject):
        title = _project(args)
        return None if title is None else _shortened(title)
    named: str | None
    if isinstance(args, AddTasks):
        reminding = all(task.reminder is not None for task in args.tasks)
        verb = "Remind" if reminding else "Add"
        named = ", ".join(task.title for task in args.tasks if task.title)
    elif isinstance(args, UpdateTasks):
        verb, named = _update_verb(args), _named(args.target)
    elif isinstance(args, CompleteTasks | ReopenTasks | DeleteTasks):
        verb = {"complete_tasks": "Complete", "reopen_tasks": "Reopen"}.get(args.intent, "Delete")
        named = _named(args.target)
    else:
        return None
    subject = ", ".join(subjects) or named
    return _shortened(f"{verb}: {subject}" if subject else f"{verb} tasks")
