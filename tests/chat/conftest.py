"""Generation runners for the chat tests: built on the test app's database and event hub,
publishing through a ``Recorder`` unless a test passes publishers of its own."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, Protocol

import pytest

from taskmate.api.runtime import Runtime
from taskmate.chat.responder import Responder
from taskmate.chat.runner import GenerationRunner
from taskmate.events import Event
from tests.chat.runner.harness import FAST, Recorder


@pytest.fixture
async def published(runtime: Runtime) -> AsyncIterator[list[Event]]:
    """Every event the app publishes from now on, as it publishes them."""
    events: list[Event] = []
    stop = runtime.events.observe(events.append)
    yield events
    stop()


@pytest.fixture
def recorder(runtime: Runtime) -> Recorder:
    return Recorder(runtime.events)


class MakeRunner(Protocol):
    def __call__(self, responder: Responder, **options: Any) -> GenerationRunner: ...


StartRunner = Callable[..., Awaitable[GenerationRunner]]


@pytest.fixture
def make_runner(runtime: Runtime, recorder: Recorder) -> MakeRunner:
    """A runner on the app's database and hub; ``options`` override the constructor's."""

    def make(responder: Responder, **options: Any) -> GenerationRunner:
        arguments: dict[str, Any] = {
            "database": runtime.database,
            "responder": responder,
            "publisher": recorder,
            "transient": recorder,
            "feed": runtime.events,
            "clock": lambda: runtime.clock(),
            "timing": FAST,
        }
        arguments.update(options)
        return GenerationRunner(**arguments)

    return make


@pytest.fixture
async def start_runner(make_runner: MakeRunner) -> AsyncIterator[StartRunner]:
    """Starts runners in the background and closes them (without grace) after the test."""
    started: list[GenerationRunner] = []

    async def start(responder: Responder, **options: Any) -> GenerationRunner:
        runner = make_runner(responder, **options)
        await runner.start()
        started.append(runner)
        return runner

    yield start
    for runner in started:
        await runner.close(grace=0)
