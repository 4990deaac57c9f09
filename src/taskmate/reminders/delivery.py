"""Delivery of fired reminders outside the app (Web Push, Apprise, ...).

The scheduler hands every reminder that fired (not the missed ones) to each registered
``Deliverer`` after the firing has committed, in a background task of its own: a slow or
failing deliverer never delays or fails the scheduler or the other deliverers. Delivery is
at least once: ``notification_id`` is the same for every attempt of one firing, so channels
that can de-duplicate should key on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True, kw_only=True)
class FiredReminder:
    notification_id: str  # the per-firing idempotency key
    user_id: str
    task_id: int
    task_title: str
    when_words: str  # e.g. "due today at 6 PM", in the user's time zone
    fired_at: datetime
    late_seconds: float


class Deliverer(Protocol):
    async def deliver(self, fired: FiredReminder) -> None: ...
