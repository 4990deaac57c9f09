"""``/tasks/{id}/reminders``: add and remove a task's reminders (they are listed on the task)."""

from __future__ import annotations

from fastapi import APIRouter, Response

from taskmate.api.routing import ApiRoute
from taskmate.errors import ValidationFailed
from taskmate.reminders.deps import ReminderId, ReminderServiceDep
from taskmate.reminders.schemas import ReminderCreate, ReminderOut, reminder_body
from taskmate.tasks.deps import TaskId

router = APIRouter(prefix="/tasks", tags=["reminders"], route_class=ApiRoute)


@router.post("/{task_id}/reminders", status_code=201)
async def add_reminder(
    body: ReminderCreate, reminders: ReminderServiceDep, task_id: TaskId
) -> ReminderOut:
    if body.before_minutes is not None and body.at is None:
        return reminder_body(await reminders.add_relative(task_id, body.before_minutes))
    if body.at is not None and body.before_minutes is None:
        return reminder_body(await reminders.add_absolute(task_id, body.at))
    raise ValidationFailed.field("before_minutes", "send either before_minutes or at, not both")


@router.delete("/{task_id}/reminders/{reminder_id}", status_code=204)
async def remove_reminder(
    reminders: ReminderServiceDep, task_id: TaskId, reminder_id: ReminderId
) -> Response:
    await reminders.remove(task_id, reminder_id)
    return Response(status_code=204)
