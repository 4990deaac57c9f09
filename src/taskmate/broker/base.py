"""The broker: how events reach the subscribers of a channel, in this process or on others.

Publishing never fails and never blocks on a subscriber: delivery is at most once, and the
database stays the truth. Listeners are attached to live delivery *before* their owner reads
the database, so nothing falls between the two; a ``resync`` event tells them when the broker
may have lost something since.
"""

from __future__ import annotations

import asyncio
from abc import ABC, abstractmethod
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

from taskmate.broker.channels import conversation_channel, user_channel
from taskmate.broker.fanout import Listener
from taskmate.broker.roster import Roster
from taskmate.events import TRANSIENT_KINDS, ConversationEvent, DomainEvent, Event

QUEUE_SIZE = 1000


class Listening:
    """A listener attached to a channel until ``stop`` (which may be called more than once)."""

    __slots__ = ("_broker", "_channel", "_listener")

    def __init__(self, broker: Broker, channel: str, listener: Listener) -> None:
        self._broker: Broker | None = broker
        self._channel = channel
        self._listener = listener

    async def stop(self) -> None:
        broker, self._broker = self._broker, None
        if broker is not None:
            await broker.detach(self._channel, self._listener)


class Broker(ABC):
    roster: Roster

    def __init__(self) -> None:
        self._observers: list[Callable[[Event], None]] = []
        # Metrics hooks: a batch published (with the seconds it took), and an event from
        # another instance delivered (with the seconds since it was published there).
        self.on_published: Callable[[Sequence[Event], float], None] = lambda events, took: None
        self.on_delivered: Callable[[float], None] = lambda latency: None

    def observe(self, observer: Callable[[Event], None]) -> Callable[[], None]:
        """Calls ``observer`` with every event this instance publishes, before delivery (the
        generation runner starts work at once instead of at its next poll). Returns the
        function that stops it."""
        self._observers.append(observer)
        return lambda: self._observers.remove(observer)

    def _observed(self, events: Sequence[Event]) -> None:
        for event in events:
            for observer in self._observers:
                observer(event)

    @abstractmethod
    async def start(self) -> None:
        """Begins background work (connections, heartbeats); the app's lifespan calls it."""

    @abstractmethod
    async def close(self) -> None:
        """Ends background work."""

    @abstractmethod
    async def publish(self, events: Sequence[Event]) -> None:
        """Delivers events to their channels' listeners, here and on other instances."""

    @abstractmethod
    async def attach(self, channel: str, listener: Listener) -> None:
        """Adds a listener; returns once events published from now on will reach it."""

    @abstractmethod
    async def detach(self, channel: str, listener: Listener) -> None: ...

    async def publish_transient(self, conversation_id: str, frame: Mapping[str, Any]) -> None:
        """Sends a frame that is never stored (``delta``, ``typing``, ``presence``) to
        everyone following the conversation, as a ``ConversationEvent`` of that kind."""
        kind = frame.get("type")
        if kind not in TRANSIENT_KINDS:
            raise ValueError(f"transient frames are {sorted(TRANSIENT_KINDS)}, not {kind!r}")
        event = ConversationEvent(conversation_id=conversation_id, kind=kind, payload=dict(frame))
        await self.publish([event])

    async def listen_user(self, user_id: str, listener: Callable[[DomainEvent], None]) -> Listening:
        channel = user_channel(user_id)
        await self.attach(channel, listener)
        return Listening(self, channel, listener)

    async def listen_conversation(
        self, conversation_id: str, listener: Callable[[ConversationEvent], None]
    ) -> Listening:
        channel = conversation_channel(conversation_id)
        await self.attach(channel, listener)
        return Listening(self, channel, listener)

    def subscribe(self, user_id: str) -> AbstractAsyncContextManager[asyncio.Queue[DomainEvent]]:
        """The user's own channel as a queue (a full queue drops its oldest event)."""
        return self._queue(user_channel(user_id))

    def subscribe_conversation(
        self, conversation_id: str
    ) -> AbstractAsyncContextManager[asyncio.Queue[ConversationEvent]]:
        """A conversation's channel as a queue (a full queue drops its oldest event)."""
        return self._queue(conversation_channel(conversation_id))

    @asynccontextmanager
    async def _queue(self, channel: str) -> AsyncIterator[asyncio.Queue[Any]]:
        queue: asyncio.Queue[Any] = asyncio.Queue(QUEUE_SIZE)

        def listener(event: Event) -> None:
            if queue.full():
                queue.get_nowait()
            queue.put_nowait(event)

        await self.attach(channel, listener)
        try:
            yield queue
        finally:
            await self.detach(channel, listener)
