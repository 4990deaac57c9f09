"""The assistant over a language model: the engine's ``Responder`` with a pydantic-ai agent.

A turn streams the model's run (``run_stream_events``) as text, steps and tool calls, then
asks about the deletes the model staged and runs the confirmed ones, and proposes a title
for a new conversation. When the model fails, a task command that changed nothing yet goes
to the offline assistant instead; anything else ends with an apology and a retry choice.
A stop cancels the run where it awaits and the engine keeps what was said.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import AsyncIterator, Callable
from datetime import datetime
from zoneinfo import ZoneInfo

import structlog
from pydantic_ai import Agent
from pydantic_ai.models import Model
from pydantic_ai.settings import ModelSettings
from pydantic_ai.usage import RunUsage, UsageLimits

from taskmate.assistant.confirm import confirmation, declined
from taskmate.assistant.interpreter import interpret
from taskmate.assistant.latest_undo import LatestUndo
from taskmate.assistant.llm.failures import RETRY, failed_message, kind, reason, retry_choice
from taskmate.assistant.llm.history import model_messages, recent
from taskmate.assistant.llm.prompt import instructions
from taskmate.assistant.llm.stream import EventMapper
from taskmate.assistant.llm.summary import task_summary
from taskmate.assistant.llm.titles import Titler
from taskmate.assistant.llm.toolbox import TOOLS, Deletion, TurnDeps, run_deletion
from taskmate.assistant.llm.usage import Stopwatch, TurnOutcome, TurnUsage, record_turn_usage
from taskmate.assistant.memory import recall
from taskmate.assistant.offline import OfflineResponder
from taskmate.assistant.tools import TaskTools
from taskmate.assistant.touched import touched
from taskmate.assistant.wording.phrases import Wording
from taskmate.assistant.wording.results import reply
from taskmate.assistant.wording.style import date_style
from taskmate.chat.responder import (
    Output,
    TextDelta,
    Title,
    ToolCallFinished,
    ToolCallStarted,
    Turn,
)
from taskmate.db.engine import Database
from taskmate.observability.metrics import Metrics

logger = structlog.get_logger(__name__)

REQUESTS_PER_TURN = 8
NOT_TASK_COMMANDS = frozenset({"chat", "help", "unknown"})


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class _Parts:
    agent: Agent[TurnDeps, str]
    database: Database
    tools: TaskTools
    latest_undo: LatestUndo
    offline: OfflineResponder
    clock: Callable[[], datetime]
    metrics: Metrics


class LlmResponder:
    def __init__(
        self,
        *,
        model: Model,
        settings: ModelSettings,
        database: Database,
        tools: TaskTools,
        clock: Callable[[], datetime],
        metrics: Metrics,
    ) -> None:
        self._parts = _Parts(
            agent=Agent(model, deps_type=TurnDeps, tools=TOOLS, model_settings=settings),
            database=database,
            tools=tools,
            latest_undo=LatestUndo(database=database, clock=clock, publisher=tools.publisher),
            offline=OfflineResponder(database=database, tools=tools, clock=clock),
            clock=clock,
            metrics=metrics,
        )
        self._model_name = f"{model.system}:{model.model_name}"
        self._titler = Titler(model, settings)

    async def respond(self, turn: Turn) -> AsyncIterator[Output]:
        watch = Stopwatch()
        attempts: list[_Attempt] = []
        answer: list[str] = []
        try:
            while True:
                attempt = _Attempt(self._parts, turn, after_text=bool(answer))
                attempts.append(attempt)
                async for output in attempt.outputs():
                    if isinstance(output, TextDelta):
                        watch.text_arrived()
                        answer.append(output.text)
                    yield output
                if attempt.outcome != "failed":
                    break
                yield retry_choice()
                if (await turn.answers.choice()).option != RETRY.id:
                    break
            if turn.title is None and attempt.outcome != "fallback":  # offline titled that
                asking = attempt.outcome == "answered"
                question, said = turn.message.content, "".join(answer)
                yield Title(text=await self._titler.title(question, said, ask_model=asking))
        finally:
            self._record(turn, attempts, watch)

    def _record(self, turn: Turn, attempts: list[_Attempt], watch: Stopwatch) -> None:
        usage = RunUsage()
        for attempt in attempts:
            usage.incr(attempt.usage)
        self._parts.metrics.llm_usage(
            model=self._model_name,
            input_tokens=usage.input_tokens,
            output_tokens=usage.output_tokens,
        )
        record_turn_usage(
            TurnUsage(
                model=self._model_name,
                outcome=attempts[-1].outcome if attempts else "stopped",
                requests=usage.requests,
                input_tokens=usage.input_tokens,
                output_tokens=usage.output_tokens,
                first_token_ms=watch.first_token_ms,
                total_ms=watch.elapsed_ms(),
            ),
            conversation_id=turn.conversation_id,
            generation_id=turn.generation_id,
        )


class _Attempt:
    """One run of the model for a turn, then the deletes it staged."""

    def __init__(self, parts: _Parts, turn: Turn, *, after_text: bool) -> None:
        self._parts = parts
        self._turn = turn
        self._now = parts.clock()
        self._local_now = self._now.astimezone(ZoneInfo(turn.user.timezone))
        self._deps = TurnDeps(
            user=turn.user,
            conversation_id=turn.conversation_id,
            tools=parts.tools,
            latest_undo=parts.latest_undo,
            now=self._local_now,
        )
        self._mapper = EventMapper(now=self._now, after_text=after_text)
        self.usage = RunUsage()
        self.outcome: TurnOutcome = "stopped"  # until it ends

    async def outputs(self) -> AsyncIterator[Output]:
        try:
            async for output in self._run():
                yield output
        except Exception as error:  # a provider failure, or a bug: never shown as such
            # The error's text may quote the request: log its kind only.
            logger.warning("llm_failed", error=type(error).__name__, reason=reason(error))
            self._parts.metrics.llm_error(kind(error))
            async for output in self._failed(error):
                yield output
            return
        self.outcome = "answered"
        order = {call_id: n for n, call_id in enumerate(self._mapper.call_order)}
        for deletion in sorted(self._deps.deletions, key=lambda d: order.get(d.call_id, 0)):
            async for output in self._confirmed(deletion):
                yield output

    async def _run(self) -> AsyncIterator[Output]:
        turn, parts = self._turn, self._parts
        user_id = turn.user.user_id
        memory = await recall(parts.database, turn.conversation_id, user_id)
        summary = await task_summary(
            parts.database, user_id, self._local_now, message=turn.message.content
        )
        history = model_messages(await recent(turn), user_id=user_id)
        prompt = instructions(
            name=turn.user.name, now=self._local_now, summary=summary, memory=memory
        )
        async with parts.agent.run_stream_events(
            turn.message.content,
            message_history=history,
            instructions=prompt,
            deps=self._deps,
            usage_limits=UsageLimits(request_limit=REQUESTS_PER_TURN),
        ) as events:
            try:
                async for event in events:
                    for output in self._mapper.outputs(event):
                        yield output
            finally:
                self.usage = events.usage

    async def _failed(self, error: Exception) -> AsyncIterator[Output]:
        message = self._turn.message.content
        understood = interpret(message, now=self._local_now).intent not in NOT_TASK_COMMANDS
        if understood and not self._mapper.changed:
            self.outcome = "fallback"
            async for output in self._parts.offline.respond(self._turn):
                yield output
            return
        self.outcome = "failed"
        text = failed_message(error, changed=self._mapper.changed)
        yield TextDelta(text=("\n\n" if self._mapper.spoke else "") + text)

    async def _confirmed(self, deletion: Deletion) -> AsyncIterator[Output]:
        yield confirmation(deletion.question)
        refusal = declined(await self._turn.answers.choice())
        if refusal is not None:
            yield TextDelta(text=f"\n\n{refusal}")
            return
        call_id = uuid.uuid4().hex
        yield ToolCallStarted(name=deletion.name, arguments=deletion.arguments, call_id=call_id)
        outcome = await run_deletion(self._deps, deletion)
        yield ToolCallFinished(
            result=outcome.result,
            status="failed" if outcome.failed else "succeeded",
            undo_until=self._mapper.undo_until(deletion.name, outcome),
            call_id=call_id,
            subjects=touched(deletion.name, outcome.result),
        )
        words = Wording(now=self._local_now, style=date_style(self._turn.user), markdown=True)
        failed = outcome.failed
        text = outcome.result["error"] if failed else reply(words, deletion.name, outcome.result)
        yield TextDelta(text=f"\n\n{text}")
