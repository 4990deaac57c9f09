"""Domain events: the one interface through which every change leaves the service layer.

Services publish after their transaction commits. The in-process hub fans events out to
subscribers of a user's channel; the real-time layer subscribes here and delivers them.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

EventKind = Literal["task", "project", "session"]
EventAction = Literal["created", "updated", "deleted", "ended"]


@dataclass(frozen=True, kw_only=True, slots=True)
class DomainEvent:
    user_id: str
    kind: EventKind
    action: EventAction
    payload: dict[str, Any] = field(default_factory=dict)


class EventPublisher(Protocol):
    async def publish(self, events: Sequence[DomainEvent]) -> None: ...


class LocalEventHub:
    """Fans events out to in-process subscribers of each user's channel."""

    def __init__(self, *, queue_size: int = 1000) -> None:
        self._queue_size = queue_size
        self._subscribers: defaultdict[str, set[asyncio.Queue[DomainEvent]]] = defaultdict(set)

    async def publish(self, events: Sequence[DomainEvent]) -> None:
        for event in events:
            for queue in tuple(self._subscribers.get(event.user_id, ())):
                if queue.full():  # a stuck subscriber must not block the publisher
                    queue.get_nowait()
                queue.put_nowait(event)

    @asynccontextmanager
    async def subscribe(self, user_id: str) -> AsyncIterator[asyncio.Queue[DomainEvent]]:
        queue: asyncio.Queue[DomainEvent] = asyncio.Queue(self._queue_size)
        self._subscribers[user_id].add(queue)
        try:
            yield queue
        finally:
            self._subscribers[user_id].discard(queue)
            if not self._subscribers[user_id]:
                del self._subscribers[user_id]
