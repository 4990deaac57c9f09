"""A scripted assistant that streams only as fast as a test lets it.

Each message says what its answer holds (``Plan``): a step, maybe a tool call, some words,
maybe a question. The answer plays through ``ScriptedResponder``, whose ``sleep`` (before
every delta but a turn's first) waits for a permit from the test (``release``), so the test
decides how far an answer has streamed when it subscribes, stops or answers. ``parked``
tells when the running answer waits on the test (a permit, or an answer to its question),
which is when the engine has nothing left to do on its own.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncGenerator, AsyncIterator
from dataclasses import dataclass

from taskmate.chat.responder import (
    Choice,
    ChoiceAnswer,
    ChoiceOption,
    Output,
    Step,
    StepDone,
    TextDelta,
    ToolCallFinished,
    ToolCallStarted,
    Turn,
)
from taskmate.chat.scripted import Script, ScriptedResponder, text_deltas

OPTIONS = ("keep", "drop")
_PLAN = re.compile(r"^m\d+ words=(\d+) tool=([01]) choice=([01])(?: answer=(\w+))?$")
_ANSWER = re.compile(r" answer=(\w+)$")


@dataclass(frozen=True, kw_only=True)
class Plan:
    """An answer's shape. A message with ``answer`` is also a typed answer to a question
    pending for its author (which then takes that option instead of answering it)."""

    words: int
    tool: bool
    choice: bool
    answer: str | None = None

    def content(self, serial: int) -> str:
        text = f"m{serial} words={self.words} tool={int(self.tool)} choice={int(self.choice)}"
        return text if self.answer is None else f"{text} answer={self.answer}"

    @classmethod
    def read(cls, content: str) -> Plan:
        match = _PLAN.match(content)
        assert match is not None, f"not a plan: {content!r}"
        words, tool, choice, answer = match.groups()
        return cls(words=int(words), tool=tool == "1", choice=choice == "1", answer=answer)


def words(count: int) -> str:
    """An answer's text: code points beyond the BMP and accents, so offsets count right."""
    return "".join(f"w{n}é🙂 " for n in range(count))


def typed_answer(text: str) -> str | None:
    match = _ANSWER.search(text)
    return None if match is None else match.group(1)


def answer_script(turn: Turn) -> Script:
    plan = Plan.read(turn.message.content)
    yield Step(label="Reading the plan")
    yield StepDone()
    if plan.tool:
        yield ToolCallStarted(name="find_tasks", arguments={"query": {"text": "plan"}})
        yield ToolCallFinished(result={"tasks": []})
    yield from text_deltas(words(plan.words))
    if plan.choice:
        options = [ChoiceOption(id=option, label=option.title()) for option in OPTIONS]
        answer = yield Choice(text="Keep it?", options=options, reads=typed_answer)
        assert isinstance(answer, ChoiceAnswer)
        yield TextDelta(text=f"[{answer.option or 'unanswered'}]")


class PacedAssistant:
    """The responder, and the test's handle on its pace."""

    def __init__(self) -> None:
        self._scripted = ScriptedResponder(answer_script, sleep=self._gate)
        self._permits = 0
        self._released = asyncio.Event()
        self._at_gate = False
        self._waiting = False  # inside the script, between two outputs
        self._asked = False  # the last output was a question
        self.generation_id: str | None = None  # of the answer playing now
        self.text = ""  # what it has said so far

    def release(self, deltas: int) -> None:
        """Lets that many more deltas through (whichever answers they belong to)."""
        self._permits += deltas
        self._released.set()

    def reset(self) -> None:
        self._permits = 0

    def parked(self, generation_id: str, *, question_pending: bool) -> bool:
        """Whether that answer waits for a permit, or for an answer to its question (while
        the question is still pending)."""
        return (
            self.generation_id == generation_id
            and self._waiting
            and (self._at_gate or (self._asked and question_pending))
        )

    async def respond(self, turn: Turn) -> AsyncIterator[Output]:
        self.generation_id, self.text, self._asked = turn.generation_id, "", False
        outputs = self._scripted.respond(turn)
        try:
            while True:
                self._waiting = True
                try:
                    output = await anext(outputs)
                except StopAsyncIteration:
                    return
                finally:
                    self._waiting = False
                self._asked = isinstance(output, Choice)
                if isinstance(output, TextDelta):
                    self.text += output.text
                yield output
        finally:
            if isinstance(outputs, AsyncGenerator):
                await outputs.aclose()

    async def _gate(self, _delay: float) -> None:
        self._at_gate = True
        try:
            while self._permits == 0:
                self._released.clear()
                await self._released.wait()
            self._permits -= 1
        finally:
            self._at_gate = False
