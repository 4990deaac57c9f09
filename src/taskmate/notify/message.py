"""What a reminder says outside the app, the same on every channel."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from taskmate.notify import base64url
from taskmate.reminders.delivery import FiredReminder

MAX_TITLE = 200  # a push message holds about 4 KB; titles are shortened, never the rest


@dataclass(frozen=True, kw_only=True)
class Message:
    notification_id: str  # the idempotency key: a retried push replaces, never adds
    task_id: int | None  # None for a test message: no actions
    title: str
    body: str

    @property
    def topic(self) -> str:
        """The Web Push ``Topic`` (RFC 8030, at most 32 URL-safe characters): a push service
        keeps only the latest message of a topic, so a retry replaces one still waiting."""
        return base64url.encode(hashlib.sha256(self.notification_id.encode()).digest())[:32]

    def push_payload(self) -> dict[str, object]:
        return {
            "notification_id": self.notification_id,
            "task_id": self.task_id,
            "title": self.title,
            "body": self.body,
        }


def _shortened(text: str) -> str:
    return text if len(text) <= MAX_TITLE else text[: MAX_TITLE - 1].rstrip() + "…"


def reminder_message(fired: FiredReminder) -> Message:
    when = fired.when_words
    return Message(
        notification_id=fired.notification_id,
        task_id=fired.task_id,
        title=_shortened(fired.task_title),
        body=f"Reminder: {when}." if when else "Reminder.",
    )


def trial_message(notification_id: str) -> Message:
    return Message(
        notification_id=notification_id,
        task_id=None,
        title="Taskmate test",
        body="Reminders will arrive here like this one.",
    )
