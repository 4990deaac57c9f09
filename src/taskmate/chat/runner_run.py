"""One generation, from its claim to its end: the responder's outputs become items.

Four tasks work together while it runs: the consumer iterates the responder and writes
what it yields; the text stream publishes coalesced deltas; the checkpointer writes the
text so far every ``timing.checkpoint`` seconds; the listener follows the conversation's
events (a stop, an answered choice). A stop cancels the consumer only while it awaits the
responder, never in the middle of a write. Cancelling ``execute`` itself (a crash, or a
shutdown past its timeout) writes nothing more: the reaper or ``close`` ends the generation.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from typing import Any, TypeVar

import structlog
from sqlalchemy import select

from taskmate.api.types import format_timestamp
from taskmate.chat.access import conversation_view
from taskmate.chat.context import LogContext
from taskmate.chat.log import ItemDraft
from taskmate.chat.models import MAX_TITLE, Conversation, Item, ItemType
from taskmate.chat.responder import (
    Choice,
    ChoiceAnswer,
    HistoryMessage,
    Output,
    Step,
    StepDone,
    TextDelta,
    Title,
    ToolCallFinished,
    ToolCallStarted,
    Turn,
)
from taskmate.chat.runner_choice import ChoiceAnswers, PendingChoice, end_unstarted
from taskmate.chat.runner_conclude import Outcome, conclude, end_item
from taskmate.chat.runner_lease import Claim, LeaseLost
from taskmate.chat.runner_parts import RunnerParts
from taskmate.chat.runner_stream import TextStream
from taskmate.chat.runner_turn import load_turn
from taskmate.chat.subjects import record_subjects
from taskmate.chat.views import ItemView
from taskmate.errors import ConversationFinalized
from taskmate.events import ConversationEvent

logger = structlog.get_logger(__name__)

T = TypeVar("T")

FAILURE_TEXT = (
    "Sorry, something went wrong on our side and this answer could not be finished. "
    "Please try again."
)


class ResponderMistake(Exception):
    """The responder yielded something that makes no sense here (a bug in it)."""


@dataclass(frozen=True, kw_only=True, slots=True)
class _OpenCall:
    name: str
    call_id: str
    item_id: str
    started: float


def _clean(text: str) -> str:
    """PostgreSQL cannot store U+0000 in text; whatever a model emits, drop it."""
    return text.replace("\x00", "")


def _answer(item_id: str, item: Item | None) -> ChoiceAnswer:
    if item is None or item.status != "chosen":
        return ChoiceAnswer(item_id=item_id, option=None)
    return ChoiceAnswer(item_id=item_id, option=item.data.get("chosen"))


class GenerationRun:
    def __init__(self, parts: RunnerParts, claim: Claim) -> None:
        self.claim = claim
        self.concluding = False
        self._parts = parts
        self._stream = TextStream(
            conversation_id=claim.conversation_id,
            item_id=claim.message_item_id,
            publisher=parts.transient,
            store=parts.store,
            window=parts.timing.coalesce_window,
            max_chars=parts.timing.coalesce_chars,
        )
        self._answers = ChoiceAnswers(self._settle_choice)
        self._user_id = ""
        self._stop_requested = False
        self._in_responder = False
        self._consumer: asyncio.Task[Outcome] | None = None
        self._ended = asyncio.Event()
        self._checkpointed = 0
        self._steps: list[str] = []
        self._calls: list[_OpenCall] = []
        self._started = asyncio.get_running_loop().time()
        self._first_text = True
        self._opened_others = False  # steps, tool calls or choices: its end must close them
        self._turn: Turn | None = None
        self.outcome: Outcome | None = None  # how it ended, once written

    def elapsed(self) -> float:
        return asyncio.get_running_loop().time() - self._started

    @property
    def generation_id(self) -> str:
        return self.claim.generation_id

    def request_stop(self) -> None:
        if self._stop_requested:
            return
        self._stop_requested = True
        if self._in_responder and self._consumer is not None:
            self._consumer.cancel()

    def observe(self, event: ConversationEvent) -> None:
        payload = event.payload
        if event.kind == "generation":
            if payload.get("generation_id") == self.generation_id and (
                payload.get("command") == "stop"
            ):
                self.request_stop()
        elif event.kind == "resync" or (event.kind == "item" and self._answers.concerns(payload)):
            self._answers.wake()

    def wake_answers(self) -> None:
        self._answers.wake()

    async def execute(self) -> None:
        """Runs the generation to its end and writes that end (raises ``LeaseLost`` when
        another instance ended it first)."""
        feed = self._parts.feed
        async with (
            feed.subscribe_conversation(self.claim.conversation_id) as events,
            asyncio.TaskGroup() as tasks,
        ):
            listener = tasks.create_task(self._listen(events))
            tasks.create_task(self._stream.run())
            tasks.create_task(self._checkpoints())
            consumer = self._consumer = tasks.create_task(self._consume())
            await asyncio.wait({consumer})
            self._stream.close()
            self._ended.set()
            listener.cancel()
        self.concluding = True
        await self._conclude("stopped" if consumer.cancelled() else consumer.result())

    async def _listen(self, events: asyncio.Queue[ConversationEvent]) -> None:
        while True:
            self.observe(await events.get())

    async def _consume(self) -> Outcome:
        try:
            turn = await load_turn(
                self._parts.database,
                self.generation_id,
                answers=self._answers,
                history_size=self._parts.timing.history_size,
                warm=self._parts.history,
            )
            self._turn = turn
            self._user_id = turn.user.user_id
            outputs = self._parts.responder.respond(turn)
            try:
                return await self._play(outputs)
            finally:
                if isinstance(outputs, AsyncGenerator):
                    await outputs.aclose()
        except LeaseLost:
            raise
        except Exception:
            logger.exception("generation_failed", generation_id=self.generation_id)
            return "failed"

    async def _play(self, outputs: AsyncIterator[Output]) -> Outcome:
        while not self._stop_requested:
            self._in_responder = True
            try:
                output = await anext(outputs)
            except StopAsyncIteration:
                return "completed"
            finally:
                self._in_responder = False
            try:
                await self._handle(output)
            except ConversationFinalized:
                self.request_stop()
        return "stopped"

    async def _handle(self, output: Output) -> None:
        match output:
            case TextDelta(text=text):
                if self._first_text and text:
                    self._first_text = False
                    self._parts.probe.first_text(self.elapsed())
                self._stream.add(_clean(text))
            case Step(label=label):
                step = await self._append("step", "running", {"label": label})
                self._steps.append(step.id)
            case StepDone(status=status):
                if not self._steps:
                    raise ResponderMistake("StepDone without a running step")
                await self._update(self._steps.pop(), status=status)
            case ToolCallStarted(name=name, arguments=arguments, call_id=call_id):
                call = await self._append(
                    "tool_call", "running", {"name": name, "arguments": dict(arguments)}
                )
                started = asyncio.get_running_loop().time()
                self._calls.append(
                    _OpenCall(name=name, call_id=call_id, item_id=call.id, started=started)
                )
            case ToolCallFinished():
                await self._finish_call(output)
            case Choice():
                await self._ask(output)
            case Title(text=text):
                await self._write(lambda ctx: self._set_title(ctx, text))

    async def _finish_call(self, output: ToolCallFinished) -> None:
        call = next((c for c in reversed(self._calls) if c.call_id == output.call_id), None)
        if call is None:
            raise ResponderMistake(f"ToolCallFinished for no running call {output.call_id!r}")
        self._calls.remove(call)
        self._parts.probe.tool_called(call.name, output.status)
        elapsed = asyncio.get_running_loop().time() - call.started
        undo_until = output.undo_until
        await self._update(
            call.item_id,
            status=output.status,
            subjects=output.subjects,
            result=output.result,
            duration_ms=round(elapsed * 1000),
            undo_until=None if undo_until is None else format_timestamp(undo_until),
        )

    async def _ask(self, output: Choice) -> None:
        options = [
            {"id": option.id, "label": option.label, "style": option.style}
            for option in output.options
        ]
        for_user_id = output.for_user_id or self._user_id
        data = {
            "text": output.text,
            "options": options,
            "chosen": None,
            "for_user_id": for_user_id,
        }
        choice = await self._append("choice", "pending", data)
        pending = PendingChoice(
            item_id=choice.id,
            position=choice.position,
            for_user_id=for_user_id,
            options=tuple(option.id for option in output.options),
            reads=output.reads,
        )
        self._answers.expect(pending)

    async def _append(self, item_type: ItemType, status: str, data: dict[str, Any]) -> Item:
        self._opened_others = True
        draft = ItemDraft(
            type=item_type, status=status, generation_id=self.generation_id, data=data
        )

        async def append(ctx: LogContext) -> Item:
            item = await ctx.log.append(self.claim.conversation_id, draft, while_active=True)
            ctx.record_item(ItemView(item=item, author_name=None))
            return item

        return await self._write(append)

    async def _update(
        self,
        item_id: str,
        *,
        status: str | None = None,
        content: str | None = None,
        subjects: Sequence[str] = (),
        **data: Any,
    ) -> None:
        """Changes an item of this generation: its status, content, and fields of its
        ``data``; ``subjects`` are indexed for it."""

        async def update(ctx: LogContext) -> None:
            item = await _locked(ctx, item_id)
            if status is not None:
                item.status = status
            if content is not None:
                item.content = content
            if data:
                item.data = {**item.data, **data}
            record_subjects(ctx, item, subjects, requested_by=self._user_id)
            await _touched(ctx, item)

        await self._write(update)

    async def _checkpoint(self) -> int:
        """Writes the text so far; returns its length. Loading the message takes the write
        lock (SQLite) or its row (PostgreSQL) while deltas still flow; they pause only
        while the text is written and announced, so the item frame holds all they sent."""
        async with self._parts.transaction() as ctx:
            item = await _locked(ctx, self.claim.message_item_id)
            async with self._stream.held() as text:
                item.content = text
                await _touched(ctx, item)
                await self._commit(ctx)
        return len(text)

    async def _write(self, change: Callable[[LogContext], Awaitable[T]]) -> T:
        async with self._parts.transaction() as ctx:
            result = await change(ctx)
            await self._commit(ctx)
        return result

    async def _commit(self, ctx: LogContext) -> None:
        """Commits once the lease is renewed (raises ``LeaseLost`` when it is not ours); a
        stop requested meanwhile is honoured once the write is done."""
        stop = await self._parts.leases.fence(ctx.session, self.generation_id, ctx.now())
        await ctx.commit()
        if stop:
            self.request_stop()

    async def _set_title(self, ctx: LogContext, text: str) -> None:
        title = _clean(" ".join(text.split()))[:MAX_TITLE]
        conversation = await ctx.session.get(
            Conversation, self.claim.conversation_id, with_for_update=True
        )
        if (
            not title
            or conversation is None
            or conversation.title is not None
            or conversation.status != "active"
            or conversation.deleted_at is not None
        ):
            return
        conversation.title = title
        conversation.updated_at = ctx.now()
        await ctx.session.flush()
        view = await conversation_view(ctx.session, conversation)
        ctx.record_conversation(view, "updated", [p.user_id for p in view.participants])

    async def _settle_choice(self, pending: PendingChoice) -> ChoiceAnswer | None:
        async with self._parts.database.session() as session:
            item = await session.get(Item, pending.item_id)
            if item is None or item.status != "pending":
                return _answer(pending.item_id, item)
            superseding = await session.scalar(
                select(Item)
                .where(
                    Item.conversation_id == self.claim.conversation_id,
                    Item.type == "message",
                    Item.role == "user",
                    Item.position > pending.position,
                )
                .order_by(Item.position)
                .limit(1)
            )
        if superseding is None:
            return None
        option = pending.typed(superseding.author_id, superseding.content)
        queued = superseding.generation_id
        return await self._write(lambda ctx: self._supersede(ctx, pending.item_id, option, queued))

    async def _supersede(
        self, ctx: LogContext, item_id: str, option: str | None, queued: str | None
    ) -> ChoiceAnswer:
        """Expires the choice, or with ``option`` (the message typed after it answered it)
        marks it chosen and ends the generation queued for that message before it starts."""
        item = await ctx.session.get(Item, item_id, with_for_update=True)
        if item is not None and item.status == "pending":
            if option is None:
                item.status = "expired"
            else:
                item.status = "chosen"
                item.data = {**item.data, "chosen": option}
                if queued is not None:
                    await end_unstarted(ctx.session, queued, ctx.now())
            await ctx.log.touch(item)
            ctx.record_item(ItemView(item=item, author_name=None))
        return _answer(item_id, item)

    async def _checkpoints(self) -> None:
        while not self._ended.is_set():
            with suppress(TimeoutError):
                async with asyncio.timeout(self._parts.timing.checkpoint):
                    await self._ended.wait()
            if self._ended.is_set() or self._stream.length == self._checkpointed:
                continue
            try:
                self._checkpointed = await self._checkpoint()
            except LeaseLost:
                raise
            except Exception:
                logger.warning("checkpoint_failed", generation_id=self.generation_id, exc_info=True)

    async def _conclude(self, outcome: Outcome) -> None:
        text = self._stream.published
        if outcome == "failed":
            text = f"{text}\n\n{FAILURE_TEXT}" if text else FAILURE_TEXT
        claim = self.claim
        async with self._parts.transaction() as ctx:
            if self._opened_others:
                last_seq = await conclude(
                    ctx,
                    generation_id=self.generation_id,
                    message_item_id=claim.message_item_id,
                    outcome=outcome,
                    content=lambda _checkpoint: text,
                )
            else:
                ended = await end_item(
                    ctx, claim.conversation_id, claim.message_item_id, status=outcome, content=text
                )
                last_seq = ended.seq
            await self._parts.leases.end(ctx.session, self.generation_id, outcome, ctx.now())
            await ctx.commit()
        self.outcome = outcome
        self._remember(outcome, text, last_seq)
        with suppress(Exception):
            await self._parts.store.discard(self.claim.message_item_id)

    def _remember(self, outcome: Outcome, text: str, last_seq: int) -> None:
        """Leaves the conversation's latest messages, this answer included, for its next turn."""
        turn = self._turn
        if turn is None or self.claim.message_position != turn.message.position + 1:
            return  # something was appended between the question and its answer
        answer = HistoryMessage(
            item_id=self.claim.message_item_id,
            position=self.claim.message_position,
            role="assistant",
            status=outcome,
            author_id=None,
            author_name=None,
            content=text,
        )
        self._parts.history.remember(
            self.claim.conversation_id, seq=last_seq, messages=[*turn.history, turn.message, answer]
        )


async def _locked(ctx: LogContext, item_id: str) -> Item:
    item = await ctx.session.get(Item, item_id, with_for_update=True)
    assert item is not None, "items are deleted only with their conversation"
    return item


async def _touched(ctx: LogContext, item: Item) -> None:
    await ctx.log.touch(item)
    ctx.record_item(ItemView(item=item, author_name=None))
