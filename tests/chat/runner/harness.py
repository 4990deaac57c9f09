"""Building, driving and observing generation runners in tests.

Tests wait on what the runner publishes (``Recorder.until``), with a deadline; they never
sleep to let it work.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from typing import Any, TypeVar

from sqlalchemy import select

from taskmate.chat.models import Generation
from taskmate.chat.responder import Output, TextDelta, Turn
from taskmate.chat.runner_parts import RunnerTiming
from taskmate.db.engine import Database
from taskmate.events import ConversationEvent, Event, EventPublisher

T = TypeVar("T")
Json = dict[str, Any]

DEADLINE = 10.0
FAST = RunnerTiming(
    lease_ttl=5,
    heartbeat=0.05,
    poll=0.05,
    reaper=0.05,
    checkpoint=3600,
    coalesce_window=0.01,
    coalesce_chars=64,
)


class Recorder:
    """The runner's publisher of events (forwarded to the app's hub, which the services
    publish to directly) and of transient frames: it sees what the runner wrote."""

    def __init__(self, forward: EventPublisher) -> None:
        self._forward = forward
        self.events: list[Event] = []
        self.frames: list[Json] = []
        self.timeline: list[Json] = []  # item and delta frames, in the order they went out
        self._changed = asyncio.Event()

    async def publish(self, events: Sequence[Event]) -> None:
        self.events.extend(events)
        self.timeline.extend(
            {"type": "item", "item": event.payload}
            for event in events
            if isinstance(event, ConversationEvent) and event.kind == "item"
        )
        await self._forward.publish(events)
        self._changed.set()

    async def publish_transient(self, conversation_id: str, frame: dict[str, Any]) -> None:
        assert frame["conversation_id"] == conversation_id
        self.frames.append(frame)
        self.timeline.append(frame)
        self._changed.set()

    async def until(self, predicate: Callable[[], T | None]) -> T:
        """Waits until ``predicate()`` is truthy after something was published."""
        async with asyncio.timeout(DEADLINE):
            while True:
                self._changed.clear()
                result = predicate()
                if result:
                    return result
                await self._changed.wait()

    def item_versions(self, item_id: str | None = None) -> list[Json]:
        """Every item change published, in order (of one item, when given)."""
        return [
            event.payload
            for event in self.events
            if isinstance(event, ConversationEvent)
            and event.kind == "item"
            and item_id in (None, event.payload["id"])
        ]

    def latest(self, item_id: str) -> Json:
        return self.item_versions(item_id)[-1]

    def items(self, conversation_id: str) -> list[Json]:
        """The latest state of each item of the conversation, in display order."""
        latest: dict[str, Json] = {}
        for item in self.item_versions():
            if item["conversation_id"] == conversation_id:
                latest[item["id"]] = item
        return sorted(latest.values(), key=lambda item: item["position"])

    def answers(self, conversation_id: str, status: str | None = None) -> list[Json]:
        """The assistant's messages in the conversation (with that status, when given)."""
        return [
            item
            for item in self.items(conversation_id)
            if item["type"] == "message"
            and item["role"] == "assistant"
            and status in (None, item["status"])
        ]

    def deltas(self, item_id: str) -> list[Json]:
        return [frame for frame in self.frames if frame["item_id"] == item_id]


class Pacer:
    """A scripted responder's ``sleep`` (which comes before each delta but the first): lets
    ``deltas`` deltas stream, then holds the rest until ``release``."""

    def __init__(self, deltas: int) -> None:
        self.deltas = deltas
        self.count = 0
        self.blocked = asyncio.Event()
        self._released = asyncio.Event()

    async def __call__(self, _delay: float) -> None:
        self.count += 1
        if self.count >= self.deltas:
            self.blocked.set()
            await self._released.wait()

    def release(self) -> None:
        self._released.set()


class HeldResponder:
    """Answers ``answer to <message>``, each once the test lets that message through;
    remembers the order it started in and how many ran at once."""

    def __init__(self) -> None:
        self.started: list[str] = []
        self.began: defaultdict[str, asyncio.Event] = defaultdict(asyncio.Event)
        self.gates: defaultdict[str, asyncio.Event] = defaultdict(asyncio.Event)
        self.active = 0
        self.most_active = 0

    def let_through(self, *messages: str) -> None:
        for message in messages:
            self.gates[message].set()

    async def respond(self, turn: Turn) -> AsyncIterator[Output]:
        content = turn.message.content
        self.started.append(content)
        self.active += 1
        self.most_active = max(self.most_active, self.active)
        self.began[content].set()
        try:
            await self.gates[content].wait()
            yield TextDelta(text=f"answer to {content}")
        finally:
            self.active -= 1


class SilentFeed:
    """A conversation feed that never delivers anything: the runner must rely on the
    database alone."""

    @asynccontextmanager
    async def subscribe_conversation(
        self, _conversation_id: str
    ) -> AsyncIterator[asyncio.Queue[ConversationEvent]]:
        yield asyncio.Queue()


async def wait_for(event: asyncio.Event) -> None:
    async with asyncio.timeout(DEADLINE):
        await event.wait()


async def generation_status(database: Database, generation_id: str) -> str | None:
    async with database.session() as session:
        status: str | None = await session.scalar(
            select(Generation.status).where(Generation.id == generation_id)
        )
        return status
