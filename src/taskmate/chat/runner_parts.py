"""What the generation runner is made of, shared by the runner and each generation it runs."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from taskmate.chat.context import LogContext
from taskmate.chat.responder import Responder
from taskmate.chat.runner_history import WarmHistory
from taskmate.chat.runner_lease import Leases
from taskmate.chat.runner_stream import TransientPublisher
from taskmate.chat.stream_store import StreamStore
from taskmate.db.engine import Database
from taskmate.events import ConversationEvent, EventPublisher


class ConversationFeed(Protocol):
    """A conversation's events from every instance (``LocalEventHub`` in one process)."""

    def subscribe_conversation(
        self, conversation_id: str
    ) -> AbstractAsyncContextManager[asyncio.Queue[ConversationEvent]]: ...


class GenerationProbe(Protocol):
    """What the runner reports, for metrics (``observability.metrics.Metrics`` is one)."""

    def first_text(self, seconds: float) -> None: ...
    def generation_ended(self, outcome: str, seconds: float) -> None: ...
    def tool_called(self, name: str, status: str) -> None: ...


class NoProbe:
    def first_text(self, seconds: float) -> None:
        pass

    def generation_ended(self, outcome: str, seconds: float) -> None:
        pass

    def tool_called(self, name: str, status: str) -> None:
        pass


@dataclass(frozen=True, kw_only=True, slots=True)
class RunnerTiming:
    """Intervals in seconds. An instance that dies leaves its generations ``running`` for
    at most ``lease_ttl`` after its last heartbeat, plus ``reaper`` until one is found."""

    lease_ttl: float = 15.0
    heartbeat: float = 2.0  # renew leases; re-read stop requests and awaited choices
    poll: float = 1.0  # look for queued generations nobody announced
    reaper: float = 5.0
    checkpoint: float = 2.0  # streaming text written to the database at most this often
    # The window is latency added to every token that waits in it: at 30 ms, a model
    # streaming 30 tokens/s or slower gets each token out at once.
    coalesce_window: float = 0.03
    coalesce_chars: int = 256
    history_size: int = 20  # messages a turn carries; the responder reads more on demand


@dataclass(frozen=True, kw_only=True, slots=True)
class RunnerParts:
    database: Database
    responder: Responder
    publisher: EventPublisher
    transient: TransientPublisher
    feed: ConversationFeed
    store: StreamStore
    leases: Leases
    clock: Callable[[], datetime]
    timing: RunnerTiming
    probe: GenerationProbe
    history: WarmHistory

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[LogContext]:
        """A write transaction; events recorded in it are published when it commits."""
        async with self.database.session(write=True) as session:
            yield LogContext(session, clock=self.clock, publisher=self.publisher)
