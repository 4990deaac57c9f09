"""Bodies of the notification endpoints, and the one way to render a notification."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from taskmate.api.types import Timestamp
from taskmate.reminders.models import Notification
from taskmate.tasks.models import Task
from taskmate.tasks.schemas import TaskOut, task_body


class NotificationOut(BaseModel):
    id: str
    kind: Literal["reminder"]
    task: TaskOut
    reminder_id: int | None = Field(description="Null once the reminder was removed")
    fired_at: Timestamp
    read_at: Timestamp | None
    late_seconds: float = Field(description="How long after its time the reminder fired")
    missed: bool = Field(description="It came due over a day before it could fire: no alert")
    snoozed_until: Timestamp | None


class NotificationListOut(BaseModel):
    items: list[NotificationOut]


def notification_body(notification: Notification, task: Task) -> NotificationOut:
    return NotificationOut(
        id=notification.id,
        kind="reminder",
        task=task_body(task),
        reminder_id=notification.reminder_id,
        fired_at=notification.fired_at,
        read_at=notification.read_at,
        late_seconds=notification.late_seconds,
        missed=notification.missed,
        snoozed_until=notification.snoozed_until,
    )
