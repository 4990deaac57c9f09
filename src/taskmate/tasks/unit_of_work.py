"""The tasks layer's transaction: the acting user, their time zone, and task events."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from taskmate.auth.models import User
from taskmate.events import DomainEvent, Event, EventAction, EventKind, EventPublisher
from taskmate.tasks.date_words import DateStyle
from taskmate.transaction import Transaction


class UnitOfWork(Transaction):
    """A transaction of the tasks layer. Services share one per request, so a change that spans
    tasks and projects (quick add creating a project, a project delete moving its tasks)
    commits once, and its events go out only after that commit."""

    def __init__(
        self,
        session: AsyncSession,
        *,
        user: User,
        clock: Callable[[], datetime],
        publisher: EventPublisher,
    ) -> None:
        super().__init__(session, clock=clock, publisher=publisher)
        self.user_id = user.id
        self.zone = ZoneInfo(user.timezone)
        self.default_reminder_minutes = user.default_reminder_minutes
        self.date_style = DateStyle(clock=user.clock, date_format=user.date_format)

    def local_now(self) -> datetime:
        """The transaction's instant on the user's wall clock."""
        return self.now().astimezone(self.zone)

    def record_change(self, kind: EventKind, action: EventAction, payload: dict[str, Any]) -> None:
        self.record(DomainEvent(user_id=self.user_id, kind=kind, action=action, payload=payload))


class HeldUnitOfWork(UnitOfWork):
    """One transaction over many service calls, all or nothing: the services' ``commit`` only
    flushes and keeps their events. Whoever holds it ends it: ``commit_held`` commits and then
    publishes, or the events go to an enclosing transaction (``staged``)."""

    async def commit(self) -> None:
        await self.session.flush()

    async def commit_held(self) -> None:
        await super().commit()

    def staged(self) -> list[Event]:
        return list(self._pending)
