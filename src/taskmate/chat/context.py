"""The chat engine's transactions: the item log and chat events, with or without an acting user."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from taskmate.chat.log import ItemLog
from taskmate.chat.render import conversation_json, item_json
from taskmate.chat.views import ConversationView, ItemView
from taskmate.events import ConversationEvent, DomainEvent, EventAction, EventPublisher
from taskmate.transaction import Transaction


@dataclass(frozen=True, kw_only=True, slots=True)
class Actor:
    """Who acts. Kept as plain values: a rollback expires the ORM objects of a session."""

    user_id: str
    name: str


class LogContext(Transaction):
    """A transaction that writes to item logs and records the events of its changes. The
    generation runner uses it as is: it acts for no user."""

    def __init__(
        self,
        session: AsyncSession,
        *,
        clock: Callable[[], datetime],
        publisher: EventPublisher,
    ) -> None:
        super().__init__(session, clock=clock, publisher=publisher)
        self.log = ItemLog(session, clock=self.now)

    def record_conversation(
        self, view: ConversationView, action: EventAction, user_ids: Iterable[str]
    ) -> None:
        """A ``conversation`` event (the conversation as the API renders it) on each of
        these users' own channels."""
        payload = conversation_json(view)
        for user_id in user_ids:
            self.record(
                DomainEvent(user_id=user_id, kind="conversation", action=action, payload=payload)
            )

    def record_item(self, view: ItemView) -> None:
        item = view.item
        self.record(
            ConversationEvent(
                conversation_id=item.conversation_id,
                kind="item",
                seq=item.seq,
                payload=item_json(view),
            )
        )


class ChatContext(LogContext):
    """A transaction of the chat engine, acting for ``actor``."""

    def __init__(
        self,
        session: AsyncSession,
        *,
        actor: Actor,
        clock: Callable[[], datetime],
        publisher: EventPublisher,
    ) -> None:
        super().__init__(session, clock=clock, publisher=publisher)
        self.actor = actor
