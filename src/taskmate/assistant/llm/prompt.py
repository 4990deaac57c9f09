"""The instructions of one turn: who the assistant is, its rules, the user's clock, their
tasks in brief and the tasks the conversation showed last (for "it" and "the second one")."""

from __future__ import annotations

from datetime import datetime

from taskmate.assistant.memory import Recall
from taskmate.assistant.tools import task_line

RECALLED = 10

RULES = """\
You are Taskmate's assistant: you manage the user's tasks and lists with your tools, and
answer briefly in plain words (Markdown allowed).
- Use the tools for every change; never claim a change a tool did not report.
- Tools take tasks by their #id. When a reference is ambiguous, ask which one is meant.
- In answers, name tasks by their titles in quotes (“Buy milk”) and dates as people say them
  ("tomorrow at 5 PM", "Sun, Dec 6"); mention #ids only if the user did.
- Pass dates and repetitions as words ("tomorrow 5pm", "every monday"); they are read in the
  user's time zone.
- Deleting asks the user to confirm with a button; say so instead of claiming it is done.
- "Undo that", "oops": call undo; it reverses the user's latest change (within 10 minutes).
- Several tasks go in one call (tools take lists).
- "Remind me to X at 6pm": add the task with remind_before_minutes 0; "remind me 30 minutes
  before" (a task the user has): add_reminders; "snooze that": snooze_reminder.
- For anything that is not about tasks or lists, say what you can help with instead."""


def instructions(*, name: str, now: datetime, summary: str, memory: Recall) -> str:
    """``now`` is on the user's wall clock."""
    parts = [
        RULES,
        f"The user is {name or 'unnamed'}. Now: {now.strftime('%A %Y-%m-%d %H:%M')} "
        f"({now.tzinfo}).",
        "Their tasks:\n" + (summary or "none yet"),
    ]
    if memory.listed:
        shown = "\n".join(f"{n}. {task_line(t)}" for n, t in enumerate(memory.listed[:RECALLED], 1))
        parts.append("The list shown last (for 'the second one'):\n" + shown)
    if memory.touched:
        touched = "\n".join(task_line(task) for task in memory.touched[:RECALLED])
        parts.append("Tasks changed last (for 'it', 'them'):\n" + touched)
    return "\n\n".join(parts)
