"""Dependencies of the reminder and notification routes."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends

from taskmate.reminders.notifications import NotificationService, notification_not_found
from taskmate.reminders.service import ReminderService, reminder_not_found
from taskmate.tasks.deps import UnitOfWorkDep
from taskmate.tasks.schemas import MAX_RECORD_ID


def reminder_service(uow: UnitOfWorkDep) -> ReminderService:
    return ReminderService(uow)


def notification_service(uow: UnitOfWorkDep) -> NotificationService:
    return NotificationService(uow)


ReminderServiceDep = Annotated[ReminderService, Depends(reminder_service)]
NotificationServiceDep = Annotated[NotificationService, Depends(notification_service)]


def reminder_id_path(reminder_id: str) -> int:
    """Plain positive integers; anything else is simply not found."""
    if reminder_id.isascii() and reminder_id.isdigit() and len(reminder_id) <= 10:
        number = int(reminder_id)
        if 0 < number <= MAX_RECORD_ID:
            return number
    raise reminder_not_found(reminder_id)


def notification_id_path(notification_id: str) -> str:
    """UUIDs in their canonical spelling; anything else is simply not found."""
    try:
        return str(uuid.UUID(notification_id))
    except ValueError:
        raise notification_not_found(notification_id) from None


ReminderId = Annotated[int, Depends(reminder_id_path)]
NotificationId = Annotated[str, Depends(notification_id_path)]
