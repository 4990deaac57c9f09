"""One chat transaction on behalf of one user, and the events it publishes once committed."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from taskmate.chat.log import ItemLog
from taskmate.chat.render import conversation_json, item_json
from taskmate.chat.views import ConversationView, ItemView
from taskmate.events import ConversationEvent, DomainEvent, Event, EventAction, EventPublisher


@dataclass(frozen=True, kw_only=True, slots=True)
class Actor:
    """Who acts. Kept as plain values: a rollback expires the ORM objects of a session."""

    user_id: str
    name: str


class ChatContext:
    """Services share one per request (or per frame): they stage events while they work and
    ``commit`` publishes them only after the database has the change.

    ``now`` is read once per transaction, so everything one change stamps is equal.
    """

    def __init__(
        self,
        session: AsyncSession,
        *,
        actor: Actor,
        clock: Callable[[], datetime],
        publisher: EventPublisher,
    ) -> None:
        self.session = session
        self.actor = actor
        self._clock = clock
        self._publisher = publisher
        self._pending: list[Event] = []
        self._now: datetime | None = None
        self.log = ItemLog(session, clock=self.now)

    def now(self) -> datetime:
        if self._now is None:
            self._now = self._clock()
        return self._now

    def record_conversation(
        self, view: ConversationView, action: EventAction, user_ids: Iterable[str]
    ) -> None:
        """A ``conversation`` event (the conversation as the API renders it) on each of
        these users' own channels."""
        payload = conversation_json(view)
        self._pending.extend(
            DomainEvent(user_id=user_id, kind="conversation", action=action, payload=payload)
            for user_id in user_ids
        )

    def record_item(self, view: ItemView) -> None:
        item = view.item
        self._pending.append(
            ConversationEvent(
                conversation_id=item.conversation_id,
                kind="item",
                seq=item.seq,
                payload=item_json(view),
            )
        )

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
