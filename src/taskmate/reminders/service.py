"""Reminders of the unit of work's user's tasks: the only code that adds and removes them, for
the API and the assistant alike.

Every change commits its own transaction (or the held one's) and publishes the task as an
``updated`` task event: reminders are part of the task's representation, and the event is
also how this instance's scheduler learns of an earlier ``next_fire_at``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select

from taskmate.errors import NotFound, ValidationFailed
from taskmate.reminders.models import Reminder
from taskmate.reminders.schedule import rearm
from taskmate.reminders.schemas import MAX_BEFORE_MINUTES
from taskmate.tasks.models import Task
from taskmate.tasks.schemas import task_json
from taskmate.tasks.service import TaskService, task_not_found
from taskmate.tasks.unit_of_work import UnitOfWork


def reminder_not_found(reference: object) -> NotFound:
    return NotFound(f"No reminder #{reference} was found on this task.")


class ReminderService:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow
        self._db = uow.session
        self._tasks = TaskService(uow)

    async def add_relative(self, task_id: int, before_minutes: int) -> Reminder:
        """A reminder ``before_minutes`` before the task's due date-time (a 422 on a task
        without a due time); it follows the due when it moves, and every occurrence of a
        repeating task."""
        task = await self._live_task(task_id)
        if not 0 <= before_minutes <= MAX_BEFORE_MINUTES:
            raise ValidationFailed.field(
                "before_minutes", f"should be from 0 to {MAX_BEFORE_MINUTES} minutes"
            )
        if task.due_date is None or task.due_time is None:
            raise ValidationFailed.field(
                "before_minutes",
                "this task has no due time to count from; give it one, or remind at an instant",
            )
        return await self._add(task, Reminder(kind="relative", before_minutes=before_minutes))

    async def add_absolute(self, task_id: int, at: datetime) -> Reminder:
        """A reminder at one instant, which must be ahead."""
        task = await self._live_task(task_id)
        if at <= self._uow.now():
            raise ValidationFailed.field("at", "is in the past; a reminder needs a time ahead")
        return await self._add(task, Reminder(kind="absolute", at=at))

    async def remove(self, task_id: int, reminder_id: int) -> None:
        task = await self._live_task(task_id)
        reminder = next((each for each in task.reminders if each.id == reminder_id), None)
        if reminder is None:
            raise reminder_not_found(reminder_id)
        task.reminders.remove(reminder)
        await self._save(task)

    async def upcoming(self) -> Sequence[tuple[Reminder, Task]]:
        """The user's reminders with a firing ahead, soonest first, with their tasks."""
        rows = await self._db.execute(
            select(Reminder, Task)
            .join(Task, Task.id == Reminder.task_id)
            .where(Reminder.user_id == self._uow.user_id, Reminder.next_fire_at.is_not(None))
            .order_by(Reminder.next_fire_at, Reminder.id)
        )
        return [(reminder, task) for reminder, task in rows]

    async def snooze(self, reminder: Reminder, task: Task, until: datetime) -> None:
        """Fires the reminder again at ``until`` (once), and commits."""
        reminder.snoozed_until = until
        rearm(reminder, task, self._uow.zone, self._uow.now())
        await self._save(task)

    async def _live_task(self, task_id: int) -> Task:
        task = await self._tasks.get(task_id)
        if task.deleted_at is not None:
            raise task_not_found(task_id)
        return task

    async def _add(self, task: Task, reminder: Reminder) -> Reminder:
        reminder.user_id = self._uow.user_id
        reminder.created_at = self._uow.now()
        rearm(reminder, task, self._uow.zone, self._uow.now())
        task.reminders.append(reminder)
        await self._save(task)
        return reminder

    async def _save(self, task: Task) -> None:
        task.updated_at = self._uow.now()
        await self._db.flush()
        self._uow.record_change("task", "updated", task_json(task))
        await self._uow.commit()
