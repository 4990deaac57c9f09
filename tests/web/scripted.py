"""Answers played from a script, for what the offline assistant cannot show on demand: an
answer that waits halfway (the test decides when it goes on), and hostile Markdown."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from taskmate.api.runtime import Runtime
from taskmate.chat.live.streaming import STREAM_STORE_STATE
from taskmate.chat.runner import GenerationRunner
from taskmate.chat.scripted import ScriptedResponder, text_deltas
from taskmate.chat.stream_store import MemoryStreamStore
from tests.chat.runner.harness import FAST


class Gate:
    """Holds the script after ``words_before`` words until ``open()``."""

    def __init__(self, words_before: int) -> None:
        self._left = words_before
        self._open = asyncio.Event()

    def open(self) -> None:
        self._open.set()

    async def sleep(self, _seconds: float) -> None:
        self._left -= 1
        if self._left <= 0:
            await self._open.wait()


@asynccontextmanager
async def answering_with(app: FastAPI, text: str, gate: Gate | None = None) -> AsyncIterator[None]:
    """The app's messages are answered with ``text``, streamed word by word."""
    runtime: Runtime = app.state.runtime
    store = MemoryStreamStore()
    setattr(app.state, STREAM_STORE_STATE, store)
    responder = ScriptedResponder(text_deltas(text), sleep=gate.sleep if gate else _no_wait)
    runner = GenerationRunner(
        database=runtime.database,
        responder=responder,
        publisher=runtime.events,
        transient=runtime.events,
        feed=runtime.events,
        store=store,
        clock=runtime.clock,
        timing=FAST,
    )
    await runner.start()
    try:
        yield
    finally:
        if gate:
            gate.open()
        await runner.close(grace=0)


async def _no_wait(_seconds: float) -> None:
    return None
