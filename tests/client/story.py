"""An assistant for tests that need a long answer on demand: a message that asks for a
story is answered with one, streamed word by word (held at a ``Gate`` when the test sets
one); every other message goes to the built-in offline assistant."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

from taskmate.api.runtime import Runtime
from taskmate.assistant.wiring import build_responder
from taskmate.chat.responder import Output, Responder, Turn
from taskmate.chat.scripted import ScriptedResponder, text_deltas
from tests.web.scripted import Gate

STORY = (
    "Once upon a time a list of tasks grew so long that nobody could read it to the end, "
    "so a patient assistant read it aloud one word at a time until every task was done."
)
WORD_DELAY = 0.01


class StoryOrOffline:
    def __init__(self) -> None:
        self.gate: Gate | None = None
        self._offline: Responder | None = None

    def bind(self, runtime: Runtime) -> None:
        """The offline assistant works on the app's database: bound once the app exists."""
        self._offline = build_responder(runtime)

    async def respond(self, turn: Turn) -> AsyncIterator[Output]:
        if "story" in turn.message.content.lower():
            story = ScriptedResponder(text_deltas(STORY), delay=WORD_DELAY, sleep=self._sleep)
            async for output in story.respond(turn):
                yield output
            return
        assert self._offline is not None, "bind the responder to the app first"
        async for output in self._offline.respond(turn):
            yield output

    async def _sleep(self, seconds: float) -> None:
        await (self.gate.sleep(seconds) if self.gate else asyncio.sleep(seconds))
