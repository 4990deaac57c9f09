"""How reminders follow their task: the tasks service calls ``follow_tasks`` before it
flushes a change, so ``next_fire_at`` moves in the same transaction as the due date-time, a
completed occurrence, a completion, a deletion or a restore. A task that gets a due time
(created with one, or given one where it had none) also gets the user's default reminder."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import inspect, select

from taskmate.reminders.models import Reminder
from taskmate.reminders.schedule import rearm
from taskmate.tasks.models import Task
from taskmate.tasks.schemas import task_json
from taskmate.tasks.unit_of_work import UnitOfWork

SCHEDULE_FIELDS = ("due_date", "due_time", "completed_at", "deleted_at")


def follow_tasks(uow: UnitOfWork, tasks: Sequence[Task]) -> None:
    now = uow.now()
    for task in tasks:
        state = inspect(task)
        new = state.transient or state.pending
        if not new and not any(state.attrs[name].history.has_changes() for name in SCHEDULE_FIELDS):
            continue
        default = uow.default_reminder_minutes
        if (
            default is not None
            and _gets_due_time(task, new=new)
            and not any(reminder.kind == "relative" for reminder in task.reminders)
        ):
            task.reminders.append(
                Reminder(
                    user_id=uow.user_id, kind="relative", before_minutes=default, created_at=now
                )
            )
        for reminder in task.reminders:
            rearm(reminder, task, uow.zone, now)


def _gets_due_time(task: Task, *, new: bool) -> bool:
    if task.due_time is None:
        return False
    if new:
        return True
    history = inspect(task).attrs["due_time"].history
    before = (history.deleted or history.unchanged or [None])[0]
    return before is None


async def follow_zone(uow: UnitOfWork) -> None:
    """After the user's time zone changed (``uow`` carries the new one): their relative
    reminders follow the due date-times on the new wall clock. Commits; each task whose
    reminders moved goes out as a task event, so pages show the new times and the scheduler
    of every instance hears of a time earlier than it sleeps to."""
    tasks = await uow.session.scalars(
        select(Task).where(
            Task.id.in_(
                select(Reminder.task_id).where(
                    Reminder.user_id == uow.user_id, Reminder.kind == "relative"
                )
            )
        )
    )
    now = uow.now()
    for task in tasks:
        for reminder in task.reminders:
            rearm(reminder, task, uow.zone, now)
        uow.record_change("task", "updated", task_json(task))
    await uow.commit()
