"""Domain events: the one interface through which every change leaves the service layer.

Services publish after their transaction commits. There are two kinds of channel:

- a user's own channel carries ``DomainEvent``s (tasks, projects, sessions, and the
  conversations the user takes part in);
- a conversation's channel carries ``ConversationEvent``s (item changes with their ``seq``,
  read receipts, generation commands), for everyone subscribed to that conversation. The
  database stays the truth: a subscriber that misses one reads the log again.

The in-process hub fans both out; the real-time layer subscribes here and delivers them.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import AsyncIterator, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass, field
from typing import Any, Generic, Literal, Protocol, TypeVar

EventKind = Literal["task", "project", "session", "conversation"]
EventAction = Literal["created", "updated", "deleted", "ended"]
ConversationEventKind = Literal["item", "receipt", "generation"]


@dataclass(frozen=True, kw_only=True, slots=True)
class DomainEvent:
    """A change addressed to one user's own channel."""

    user_id: str
    kind: EventKind
    action: EventAction
    payload: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True, slots=True)
class ConversationEvent:
    """A change addressed to everyone following a conversation.

    ``item`` events carry the item as the API renders it and its ``seq``; ``receipt`` and
    ``generation`` events carry no ``seq`` (they are not part of the item log).
    """

    conversation_id: str
    kind: ConversationEventKind
    payload: dict[str, Any] = field(default_factory=dict)
    seq: int | None = None


Event = DomainEvent | ConversationEvent
E = TypeVar("E", DomainEvent, ConversationEvent)


class EventPublisher(Protocol):
    async def publish(self, events: Sequence[Event]) -> None: ...


class _Channels(Generic[E]):
    """Bounded queues per channel key; a stuck subscriber loses its oldest events rather
    than blocking the publisher."""

    def __init__(self, queue_size: int) -> None:
        self._queue_size = queue_size
        self._subscribers: defaultdict[str, set[asyncio.Queue[E]]] = defaultdict(set)

    def deliver(self, key: str, event: E) -> None:
        for queue in tuple(self._subscribers.get(key, ())):
            if queue.full():
                queue.get_nowait()
            queue.put_nowait(event)

    @asynccontextmanager
    async def subscribe(self, key: str) -> AsyncIterator[asyncio.Queue[E]]:
        queue: asyncio.Queue[E] = asyncio.Queue(self._queue_size)
        self._subscribers[key].add(queue)
        try:
            yield queue
        finally:
            self._subscribers[key].discard(queue)
            if not self._subscribers[key]:
                del self._subscribers[key]


class LocalEventHub:
    """Fans events out to in-process subscribers of users' and conversations' channels."""

    def __init__(self, *, queue_size: int = 1000) -> None:
        self._users = _Channels[DomainEvent](queue_size)
        self._conversations = _Channels[ConversationEvent](queue_size)

    async def publish(self, events: Sequence[Event]) -> None:
        for event in events:
            if isinstance(event, DomainEvent):
                self._users.deliver(event.user_id, event)
            else:
                self._conversations.deliver(event.conversation_id, event)

    def subscribe(self, user_id: str) -> AbstractAsyncContextManager[asyncio.Queue[DomainEvent]]:
        """The user's own channel, as an async context manager yielding a queue."""
        return self._users.subscribe(user_id)

    def subscribe_conversation(
        self, conversation_id: str
    ) -> AbstractAsyncContextManager[asyncio.Queue[ConversationEvent]]:
        return self._conversations.subscribe(conversation_id)
