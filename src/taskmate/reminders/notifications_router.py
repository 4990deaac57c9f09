"""``/notifications``: what fired for the user; read, snooze (completing the task is the
task's own ``POST /tasks/{id}/complete``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from taskmate.api.routing import ApiRoute, errors
from taskmate.reminders.deps import NotificationId, NotificationServiceDep
from taskmate.reminders.notification_schemas import (
    NotificationListOut,
    NotificationOut,
    notification_body,
)
from taskmate.reminders.schemas import SnoozeIn

router = APIRouter(prefix="/notifications", tags=["notifications"], route_class=ApiRoute)


@router.get("")
async def list_notifications(
    notifications: NotificationServiceDep,
    unread: Annotated[bool, Query()] = False,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> NotificationListOut:
    found = await notifications.listing(unread=unread, limit=limit)
    return NotificationListOut(items=[notification_body(*pair) for pair in found])


@router.post("/{notification_id}/read")
async def read_notification(
    notifications: NotificationServiceDep, notification_id: NotificationId
) -> NotificationOut:
    return notification_body(*await notifications.read(notification_id))


@router.post("/{notification_id}/snooze", responses=errors(409))
async def snooze_notification(
    body: SnoozeIn, notifications: NotificationServiceDep, notification_id: NotificationId
) -> NotificationOut:
    return notification_body(*await notifications.snooze(notification_id, body.minutes))
