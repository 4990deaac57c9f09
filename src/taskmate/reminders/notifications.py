"""The user's notifications: listing them, marking them read, snoozing them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from sqlalchemy import select

from taskmate.errors import Conflict, NotFound
from taskmate.reminders.models import Notification, Reminder
from taskmate.reminders.reading import mark_read
from taskmate.reminders.service import ReminderService
from taskmate.tasks.models import Task
from taskmate.tasks.unit_of_work import UnitOfWork

Noted = tuple[Notification, Task]


def notification_not_found(reference: object) -> NotFound:
    return NotFound(f"No notification {reference} was found among yours.")


class NotificationService:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow
        self._db = uow.session

    async def listing(self, *, unread: bool = False, limit: int | None = 50) -> Sequence[Noted]:
        """Newest first; ``unread`` leaves out the ones read (a snooze reads it); no
        ``limit``: all of them (the export)."""
        statement = (
            select(Notification, Task)
            .join(Task, Task.id == Notification.task_id)
            .where(Notification.user_id == self._uow.user_id)
            .order_by(Notification.fired_at.desc(), Notification.id)
            .limit(limit)
        )
        if unread:
            statement = statement.where(Notification.read_at.is_(None))
        rows = await self._db.execute(statement)
        return [(notification, task) for notification, task in rows]

    async def latest(self) -> Noted | None:
        """The notification fired last (what "snooze that" means)."""
        found = await self.listing(limit=1)
        return found[0] if found else None

    async def read(self, notification_id: str) -> Noted:
        notification, task = await self._load(notification_id)
        if notification.read_at is None:
            mark_read(self._uow, [notification])
            await self._uow.commit()
        return notification, task

    async def snooze(self, notification_id: str, minutes: int) -> Noted:
        """Reads the notification and fires its reminder again ``minutes`` from now; a 409
        when the task is done or deleted or the reminder was removed."""
        notification, task = await self._load(notification_id)
        if task.completed_at is not None or task.deleted_at is not None:
            raise Conflict("This task is done or deleted, so there is nothing to snooze.")
        reminder = await self._db.get(Reminder, notification.reminder_id or 0)
        if reminder is None:
            raise Conflict("This reminder was removed from its task, so it cannot be snoozed.")
        mark_read(self._uow, [notification])
        notification.snoozed_until = self._uow.now() + timedelta(minutes=minutes)
        await ReminderService(self._uow).snooze(reminder, task, notification.snoozed_until)
        return notification, task

    async def _load(self, notification_id: str) -> Noted:
        row = (
            await self._db.execute(
                select(Notification, Task)
                .join(Task, Task.id == Notification.task_id)
                .where(
                    Notification.id == notification_id,
                    Notification.user_id == self._uow.user_id,
                )
            )
        ).first()
        if row is None:
            raise notification_not_found(notification_id)
        notification, task = row
        return notification, task
