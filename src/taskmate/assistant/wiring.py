"""The assistant in the app: the generation runner with its responder, and the undo handlers.

The runner hears of messages sent to this instance through the broker's ``observe`` hook and
starts at once; it also polls the database (``RunnerTiming.poll``), so work queued on other
instances, or while it was busy, is never missed.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

import structlog
from redis.asyncio import Redis
from starlette.datastructures import State

from taskmate.api.runtime import Runtime
from taskmate.assistant.offline import OfflineResponder
from taskmate.assistant.tools import TaskTools
from taskmate.assistant.undo import UNDO_HANDLERS
from taskmate.chat.hooks import UNDO_HANDLERS_STATE
from taskmate.chat.live.streaming import STREAM_STORE_STATE
from taskmate.chat.responder import Responder
from taskmate.chat.runner import GenerationRunner, RunnerTiming
from taskmate.chat.stream_store import MemoryStreamStore, RedisStreamStore, StreamStore
from taskmate.events import ConversationEvent, Event

logger = structlog.get_logger(__name__)


@dataclass(frozen=True, kw_only=True, slots=True)
class AssistantPolicy:
    """Whether this instance answers messages, with what, and how its runner is timed. Tests
    that drive runners of their own turn ``answer`` off; others shorten the timing instead of
    waiting. ``responder`` replaces the one ``TASKMATE_LLM`` names (the benchmarks' scripted
    streams)."""

    answer: bool = True
    timing: RunnerTiming = field(default_factory=RunnerTiming)
    responder: Responder | None = None


def register_undo(state: State) -> None:
    setattr(state, UNDO_HANDLERS_STATE, UNDO_HANDLERS)


@asynccontextmanager
async def _stream_store(runtime: Runtime) -> AsyncIterator[StreamStore]:
    if not runtime.settings.redis_url:
        yield MemoryStreamStore()
        return
    client = Redis.from_url(runtime.settings.redis_url)
    try:
        yield RedisStreamStore(client)
    finally:
        await client.aclose()


@asynccontextmanager
async def answering(state: State, runtime: Runtime, policy: AssistantPolicy) -> AsyncIterator[None]:
    """Runs the generation runner for the app's lifetime (``state.chat_stream_store`` is its
    stream store); generations stay queued when there is nothing to answer them with."""
    if not policy.answer:
        yield
        return
    responder = policy.responder
    if responder is None:
        if runtime.settings.llm != "offline":
            logger.warning("assistant_unavailable", llm=runtime.settings.llm)
            yield
            return
        tools = TaskTools(database=runtime.database, clock=runtime.clock, publisher=runtime.events)
        responder = OfflineResponder(database=runtime.database, tools=tools, clock=runtime.clock)
    async with _stream_store(runtime) as store:
        setattr(state, STREAM_STORE_STATE, store)
        runner = GenerationRunner(
            database=runtime.database,
            responder=responder,
            publisher=runtime.events,
            transient=runtime.events,
            feed=runtime.events,
            store=store,
            clock=runtime.clock,
            timing=policy.timing,
            instance_id=runtime.instance_id,
        )

        def notify(event: Event) -> None:
            if isinstance(event, ConversationEvent):
                runner.notify(event)

        stop_observing = runtime.events.observe(notify)
        await runner.start()
        try:
            yield
        finally:
            stop_observing()
            await runner.close(grace=runtime.settings.shutdown_timeout)
