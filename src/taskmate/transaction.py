"""One database transaction on behalf of one user, and the events it publishes once committed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from taskmate.events import Event, EventPublisher


class Transaction:
    """Services share one per request (or per frame). They stage the events their changes
    cause; ``commit`` publishes them only after the database has the change, and ``rollback``
    drops them with it.

    ``now`` is read once per transaction, so everything one change stamps is equal.
    """

    def __init__(
        self,
        session: AsyncSession,
        *,
        clock: Callable[[], datetime],
        publisher: EventPublisher,
    ) -> None:
        self.session = session
        self._clock = clock
        self._publisher = publisher
        self._pending: list[Event] = []
        self._now: datetime | None = None

    def now(self) -> datetime:
        """The instant of this transaction, aware, in UTC."""
        if self._now is None:
            self._now = self._clock()
        return self._now

    def record(self, event: Event) -> None:
        self._pending.append(event)

    async def commit(self) -> None:
        await self.session.commit()
        self._now = None
        events, self._pending = self._pending, []
        if events:
            await self._publisher.publish(events)

    async def rollback(self) -> None:
        await self.session.rollback()
        self._now = None
        self._pending = []
