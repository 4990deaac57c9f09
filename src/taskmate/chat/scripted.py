"""A responder that plays a script: for tests, demonstrations and benchmarks."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Sequence

from taskmate.chat.responder import Choice, ChoiceAnswer, Output, TextDelta, Turn

Script = Generator[Output, ChoiceAnswer | None, None]
ScriptFunction = Callable[[Turn], Script]

_TOKEN = re.compile(r"\S+\s*|\s+")


def text_deltas(text: str) -> list[TextDelta]:
    """``text`` as one delta per word (with the spaces after it), as a model streams it."""
    return [TextDelta(text=token) for token in _TOKEN.findall(text)]


def _fixed(outputs: Sequence[Output]) -> ScriptFunction:
    def script(_turn: Turn) -> Script:
        for output in outputs:  # noqa: UP028 - ``yield from`` would send answers to a list
            yield output

    return script


class ScriptedResponder:
    """Plays ``script`` for every turn: a sequence of outputs, or a generator function of
    the turn, which receives the answer to each ``Choice`` it yields
    (``answer = yield Choice(...)``).

    Text is paced like a model's: each ``TextDelta`` but the first comes ``delay`` seconds
    after the previous output (60 tokens at 30 tokens/s: ``delay=1/30``). ``sleep`` is what
    waits; tests pass one that waits on their own signals.
    """

    def __init__(
        self,
        script: Sequence[Output] | ScriptFunction,
        *,
        delay: float = 0.0,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._script = _fixed(script) if isinstance(script, Sequence) else script
        self._delay = delay
        self._sleep = sleep

    async def respond(self, turn: Turn) -> AsyncIterator[Output]:
        script = self._script(turn)
        answer: ChoiceAnswer | None = None
        streaming = False
        while True:
            try:
                output = script.send(answer)
            except StopIteration:
                return
            answer = None
            if isinstance(output, TextDelta):
                if streaming:
                    await self._sleep(self._delay)
                streaming = True
            yield output
            if isinstance(output, Choice):
                answer = await turn.answers.choice()
