"""Marking notifications read: the one place that does it, for the notifications API (read,
snooze) and for completing a task. Each change goes out as one ``notifications`` event
(``read``, with the ids and the instant) on the user's channel, so every open page's bell
clears them without asking again."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from taskmate.api.types import format_timestamp
from taskmate.reminders.models import Notification
from taskmate.tasks.unit_of_work import UnitOfWork


def mark_read(uow: UnitOfWork, notifications: Sequence[Notification]) -> None:
    """Reads the unread ones at the transaction's instant (the others keep their first
    ``read_at``) and records the event; the caller commits."""
    unread = [notification for notification in notifications if notification.read_at is None]
    if not unread:
        return
    now = uow.now()
    for notification in unread:
        notification.read_at = now
    uow.record_change(
        "notifications",
        "read",
        {"ids": [notification.id for notification in unread], "read_at": format_timestamp(now)},
    )


async def read_for_task(uow: UnitOfWork, task_id: int) -> None:
    """A completed task's reminders need no more attention: its unread notifications are
    read in the completion's transaction."""
    unread = await uow.session.scalars(
        select(Notification).where(
            Notification.user_id == uow.user_id,
            Notification.task_id == task_id,
            Notification.read_at.is_(None),
        )
    )
    mark_read(uow, list(unread))
