"""What the model may pass to the tools, and how it becomes the values ``TaskTools`` takes.

Dates and repetitions arrive as natural language ("tomorrow 5pm", "every monday") and are read
by the same date grammar as quick add, in the user's time zone; a phrase it cannot read is an
``ArgumentError`` whose message tells the model what to send instead.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from taskmate.api.text import Text
from taskmate.assistant.interpreter import DateRange, FindTasks, NewTask, Reminder, TaskChanges
from taskmate.reminders.schemas import BeforeMinutes
from taskmate.tasks.dates import Due, parse_due
from taskmate.tasks.fields import UNSET, Maybe
from taskmate.tasks.recurrence import Recurrence, parse_recurrence

MAX_BATCH = 50
Priority = Literal[0, 1, 2, 3, 4]
TaskTitle = Annotated[str, Text(strip=True, min_length=1, max_length=500)]
Words = Annotated[str, Text(max_length=200)]  # dates, repetitions, list and label names


class ArgumentError(Exception):
    """The model sent something the tools cannot use; the message is for the model."""


class NewTaskArgs(BaseModel):
    title: TaskTitle
    due: Words | None = Field(None, description="when, in words: 'tomorrow 5pm', 'next friday'")
    recurrence: Words | None = Field(None, description="'every monday', 'every 2 weeks'")
    project: Words | None = Field(None, description="list name; created when missing")
    labels: list[Words] = Field(default_factory=list, max_length=20)
    priority: Priority = Field(0, description="0 none, 1 low ... 4 urgent")
    remind_before_minutes: BeforeMinutes | None = Field(
        None, description="remind the user this long before it is due (0: when due)"
    )


class TaskChangeArgs(BaseModel):
    """Fields left out stay as they are; ``clear`` empties fields."""

    title: TaskTitle | None = None
    due: Words | None = Field(None, description="new due date in words")
    recurrence: Words | None = Field(None, description="new repetition in words")
    priority: Priority | None = None
    project: Words | None = Field(None, description="move to this list (created when missing)")
    clear: list[Literal["due", "recurrence", "project"]] = Field(default_factory=list)


class FindArgs(BaseModel):
    text: Words | None = Field(None, description="words that appear in the titles")
    status: Literal["open", "done", "all"] = "open"
    project: Words | None = None
    label: Words | None = None
    overdue: bool = False
    due_from: Words | None = Field(None, description="first due day, in words or YYYY-MM-DD")
    due_until: Words | None = Field(None, description="last due day, in words or YYYY-MM-DD")


def due_from(text: str, now: datetime) -> Due:
    due = parse_due(text, now=now)
    if due is None:
        raise ArgumentError(
            f"'{text}' is not a date I can read; send e.g. 'tomorrow 5pm', 'next friday' "
            "or '2026-03-01 09:00'."
        )
    return due


def recurrence_from(text: str, now: datetime) -> tuple[Recurrence, Due]:
    """The repetition and its first occurrence."""
    match = parse_recurrence(text, now=now)
    if match is None:
        raise ArgumentError(
            f"'{text}' is not a repetition I can read; send e.g. 'every monday', "
            "'every 2 weeks' or 'daily at 8am'."
        )
    return match.recurrence, match.first


def new_task(args: NewTaskArgs, now: datetime) -> NewTask:
    due = due_from(args.due, now) if args.due else None
    recurrence = None
    if args.recurrence:
        recurrence, first = recurrence_from(args.recurrence, now)
        due = due or first
    return NewTask(
        title=args.title.strip(),
        due=due,
        recurrence=recurrence,
        project=args.project,
        labels=tuple(args.labels),
        priority=args.priority,
        reminder=(
            None
            if args.remind_before_minutes is None
            else Reminder(before_minutes=args.remind_before_minutes)
        ),
    )


def task_changes(args: TaskChangeArgs, now: datetime) -> TaskChanges:
    due: Maybe[Due | None] = UNSET
    recurrence: Maybe[Recurrence | None] = UNSET
    if args.recurrence:
        recurrence, first = recurrence_from(args.recurrence, now)
        due = first
    if args.due:
        due = due_from(args.due, now)
    project: Maybe[str | None] = UNSET if args.project is None else args.project
    if "due" in args.clear:
        due = None
    if "recurrence" in args.clear:
        recurrence = None
    if "project" in args.clear:
        project = None
    changes = TaskChanges(
        title=args.title if args.title is not None else UNSET,
        due=due,
        recurrence=recurrence,
        priority=args.priority if args.priority is not None else UNSET,
        project=project,
    )
    if not changes.to_json():
        raise ArgumentError("Say what to change: title, due, recurrence, priority, project.")
    return changes


def days(first: str | None, last: str | None, now: datetime) -> DateRange | None:
    """The days from ``first`` to ``last`` (in words), either open."""
    start = due_from(first, now).date if first else None
    end = due_from(last, now).date if last else None
    if start is None and end is None:
        return None
    return DateRange(start=start, end=end, text=f"{first or '…'} – {last or '…'}")


def find_query(args: FindArgs, now: datetime) -> FindTasks:
    when = days(args.due_from, args.due_until, now)
    return FindTasks(
        text=args.text,
        when=when,
        overdue=args.overdue,
        project=args.project,
        label=args.label,
        status=args.status,
    )
