"""When a reminder the assistant adds rings: at the task's due time or ``before_minutes``
earlier (a relative reminder, which follows the task when it moves and repeats with it); on
a day without a time at ``MORNING`` (an absolute one, as "tomorrow morning" means 9 AM); at
the moment a command named for a task the user already has ("remind me about the dentist
tomorrow morning": the task keeps its own date)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from taskmate.assistant.interpreter import Reminder
from taskmate.errors import ValidationFailed
from taskmate.reminders.models import Reminder as ReminderRow
from taskmate.reminders.schemas import reminder_json
from taskmate.reminders.service import ReminderService
from taskmate.tasks.models import Task
from taskmate.tasks.unit_of_work import UnitOfWork

MORNING = time(9, 0)


def _instant(uow: UnitOfWork, day: date, at: time | None, before: int) -> datetime:
    return datetime.combine(day, at or MORNING, uow.zone) - timedelta(minutes=before)


async def remind(uow: UnitOfWork, task: Task, reminder: Reminder) -> ReminderRow:
    """Adds ``reminder`` to ``task``: before its moment ``at`` when given, else before the
    task's own due. A relative reminder the task has already (a default one) is not doubled.
    ``ValidationFailed`` when there is no moment ahead to ring at."""
    before, at = reminder.before_minutes, reminder.at
    service = ReminderService(uow)
    if at is not None:
        return await service.add_absolute(task.id, _instant(uow, at.date, at.time, before))
    if task.due_date is not None and task.due_time is not None:
        same = [r for r in task.reminders if r.kind == "relative" and r.before_minutes == before]
        return same[0] if same else await service.add_relative(task.id, before)
    if task.due_date is not None:
        return await service.add_absolute(task.id, _instant(uow, task.due_date, None, before))
    raise ValidationFailed.field("due", "this task has no date; say when to remind you")


async def reminder_entry(
    uow: UnitOfWork, task: Task, reminder: Reminder, *, about: bool
) -> dict[str, Any] | None:
    """A new task's reminder, as a tool's result names it; None when it has no moment ahead."""
    try:
        row = await remind(uow, task, reminder)
    except ValidationFailed:
        return None
    return {"task_id": task.id, "reminder": reminder_json(row), "about": about}
