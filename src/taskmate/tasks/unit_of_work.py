"""One transaction on behalf of one user, and the events it publishes once committed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from taskmate.auth.models import User
from taskmate.events import DomainEvent, EventAction, EventKind, EventPublisher


class UnitOfWork:
    """Services share one of these per request, so a change that spans tasks and projects
    (quick add creating a project, a project delete moving its tasks) commits once, and its
    events go out only after that commit."""

    def __init__(
        self,
        session: AsyncSession,
        *,
        user: User,
        clock: Callable[[], datetime],
        publisher: EventPublisher,
    ) -> None:
        self.session = session
        self.user_id = user.id
        self.zone = ZoneInfo(user.timezone)
        self._clock = clock
        self._publisher = publisher
        self._pending: list[DomainEvent] = []
        self._now: datetime | None = None

    def now(self) -> datetime:
        """The instant of this transaction, aware, in UTC: read once, so that everything one
        change stamps (``deleted_at`` and ``updated_at``, a group of tasks) is equal."""
        if self._now is None:
            self._now = self._clock()
        return self._now

    def local_now(self) -> datetime:
        """The same instant on the user's wall clock."""
        return self.now().astimezone(self.zone)

    def record(self, kind: EventKind, action: EventAction, payload: dict[str, Any]) -> None:
        self._pending.append(
            DomainEvent(user_id=self.user_id, kind=kind, action=action, payload=payload)
        )

    async def commit(self) -> None:
        await self.session.commit()
        self._now = None
        events, self._pending = self._pending, []
        if events:
            await self._publisher.publish(events)
