"""The assistant in the app: the generation runner with its responder, and the undo handlers.

The runner hears of messages sent to this instance through the broker's ``observe`` hook and
starts at once; it also polls the database (``RunnerTiming.poll``), so work queued on other
instances, or while it was busy, is never missed.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from redis.asyncio import Redis
from starlette.datastructures import State

from taskmate.api.runtime import Runtime
from taskmate.assistant.offline import OfflineResponder
from taskmate.assistant.tools import TaskTools
from taskmate.assistant.understanding.model import warm_up
from taskmate.assistant.undo import UNDO_HANDLERS
from taskmate.chat.handoff import LOCAL_RUNNER_STATE
from taskmate.chat.hooks import UNDO_HANDLERS_STATE
from taskmate.chat.live.streaming import STREAM_STORE_STATE
from taskmate.chat.responder import Responder
from taskmate.chat.runner import GenerationRunner, RunnerTiming
from taskmate.chat.stream_store import MemoryStreamStore, RedisStreamStore, StreamStore
from taskmate.events import ConversationEvent, Event


@dataclass(frozen=True, kw_only=True, slots=True)
class AssistantPolicy:
    """Whether this instance answers messages, and how its runner is timed. Tests that drive
    runners of their own turn ``answer`` off; others shorten the timing instead of waiting.
    ``responder`` answers instead of the configured assistant (benchmarks and the chaos
    suite play scripts with it)."""

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


def build_responder(runtime: Runtime) -> Responder:
    """The offline assistant, or the model ``TASKMATE_LLM`` names (a ``SettingsError`` when
    it cannot be used)."""
    settings = runtime.settings
    tools = TaskTools(database=runtime.database, clock=runtime.clock, publisher=runtime.events)
    if settings.llm == "offline":
        return OfflineResponder(
            database=runtime.database,
            tools=tools,
            clock=runtime.clock,
            typing=settings.offline_typing_seconds,
        )
    # The providers' SDKs take seconds to import: only a server that uses a model loads them.
    from taskmate.assistant.llm.models import build_model, model_settings
    from taskmate.assistant.llm.responder import LlmResponder

    return LlmResponder(
        model=build_model(settings),
        settings=model_settings(settings),
        database=runtime.database,
        tools=tools,
        clock=runtime.clock,
        metrics=runtime.metrics,
    )


@asynccontextmanager
async def answering(state: State, runtime: Runtime, policy: AssistantPolicy) -> AsyncIterator[None]:
    """Runs the generation runner for the app's lifetime (``state.chat_stream_store`` is its
    stream store), unless the policy says this instance does not answer."""
    if not policy.answer:
        yield
        return
    responder = policy.responder or build_responder(runtime)
    await asyncio.to_thread(warm_up)  # both assistants read messages with the intent model
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
            probe=runtime.metrics,
        )

        def notify(event: Event) -> None:
            if isinstance(event, ConversationEvent):
                runner.notify(event)

        async def finish() -> None:
            await runner.close(grace=runtime.settings.shutdown_timeout)

        setattr(state, LOCAL_RUNNER_STATE, runner)
        stop_observing = runtime.events.observe(notify)
        forget_finish = runtime.drain.on_drain(finish)
        forget_sampler = runtime.metrics.add_sampler(
            lambda metrics: metrics.generations_running.set(runner.running)
        )
        await runner.start()
        try:
            yield
        finally:
            setattr(state, LOCAL_RUNNER_STATE, None)
            stop_observing()
            forget_finish()
            forget_sampler()
            await finish()
