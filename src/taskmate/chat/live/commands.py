"""What each client frame does: the one place frames become chat service calls.

Every frame runs in its own transaction, as the acting user, through the same services as
REST (membership checks, finalize, rate limits, idempotency). Results that change the
conversation reach the client as ``item`` frames on its subscription, in ``seq`` order; the
direct answers are ``ack`` (to ``send``) and ``pong``, and failures are ``error`` frames whose
``ref`` names the frame's ``client_id``, ``item_id`` or ``conversation_id``.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Final, TypeVar

import structlog

from taskmate.api.runtime import Runtime
from taskmate.chat.access import Membership, membership
from taskmate.chat.actions import ItemActions
from taskmate.chat.context import ChatContext
from taskmate.chat.deps import conversation_id_path, item_id_path
from taskmate.chat.handoff import LocalRunner
from taskmate.chat.hooks import UndoHandlers
from taskmate.chat.live.caller import LiveCaller
from taskmate.chat.live.client_frames import (
    AuthFrame,
    ChooseFrame,
    ClientFrame,
    PingFrame,
    ReadFrame,
    SendFrame,
    StopFrame,
    SubscribeFrame,
    TypingFrame,
    UndoFrame,
    UnsubscribeFrame,
    parse_frame,
    read_frame,
    reference,
)
from taskmate.chat.live.frames import Frame, failure_frame, typing_frame
from taskmate.chat.live.session import LiveSession, Subscribe, Unsubscribe
from taskmate.chat.messages import MessageService
from taskmate.chat.reading import ReadingService
from taskmate.errors import ValidationFailed

T = TypeVar("T")

TYPING_REFRESH: Final = 2.0
"""Seconds during which a repeated ``typing`` ``active: true`` is not relayed again."""


class Commands:
    def __init__(
        self,
        runtime: Runtime,
        session: LiveSession,
        undo_handlers: UndoHandlers,
        runner: LocalRunner | None,
    ) -> None:
        self._runtime = runtime
        self._runner = runner
        self._session = session
        self._caller: LiveCaller = session.caller
        self._undo_handlers = undo_handlers
        self._typing_since: dict[str, float] = {}  # conversation id → when relayed active

    async def run(self, text: str) -> None:
        """Carries out one frame; its answer, if any, goes to the session's outbox."""
        ref = None
        try:
            raw = read_frame(text)
            ref = reference(raw)
            answer = await self._run(parse_frame(raw))
        except Exception as exc:
            answer = failure_frame(exc, ref)
        finally:
            structlog.contextvars.unbind_contextvars("conversation_id")  # bound per frame
        if answer is not None:
            self._session.post(answer)

    async def _run(self, frame: ClientFrame) -> Frame | None:
        if isinstance(frame, PingFrame):
            return {"type": "pong"}
        if isinstance(frame, AuthFrame):
            raise ValidationFailed.field("type", "auth is only for the first frame; you are in")
        conversation_id = await conversation_id_path(frame.conversation_id)
        if isinstance(frame, SubscribeFrame):
            self._session.post(Subscribe(conversation_id, frame.after_seq))
        elif isinstance(frame, UnsubscribeFrame):
            if not self._session.follows(conversation_id):
                await self._membership(
                    conversation_id
                )  # not following it is fine; not in it is not
            self._session.post(Unsubscribe(conversation_id))
        elif isinstance(frame, SendFrame):
            return await self._send(conversation_id, frame)
        elif isinstance(frame, TypingFrame):
            await self._typing(conversation_id, active=frame.active)
        elif isinstance(frame, ReadFrame):
            await self._in_transaction(
                lambda ctx: ReadingService(ctx).mark_read(conversation_id, frame.seq)
            )
        elif isinstance(frame, StopFrame):
            await self._in_transaction(lambda ctx: self._messages(ctx).stop(conversation_id))
        elif isinstance(frame, ChooseFrame):
            item_id = item_id_path(frame.item_id)
            await self._in_transaction(
                lambda ctx: self._actions(ctx).choose(conversation_id, item_id, frame.option)
            )
        elif isinstance(frame, UndoFrame):
            item_id = item_id_path(frame.item_id)
            await self._in_transaction(
                lambda ctx: self._actions(ctx).undo(conversation_id, item_id)
            )
        return None

    async def _send(self, conversation_id: str, frame: SendFrame) -> Frame:
        sent = await self._in_transaction(
            lambda ctx: self._messages(ctx).send(
                conversation_id, client_id=frame.client_id, content=frame.content
            )
        )
        if sent.created:
            self._runtime.metrics.message_received("ws")
        return {
            "type": "ack",
            "client_id": str(frame.client_id),
            "item_id": sent.item.item.id,
            "seq": sent.item.item.seq,
            "generation_id": sent.generation_id,
        }

    async def _typing(self, conversation_id: str, *, active: bool) -> None:
        """Relays typing to the conversation's other participants; only a participant may,
        and not in a finalized conversation. A client repeating ``active: true`` on every
        keystroke is relayed (and checked) once per ``TYPING_REFRESH``, and ``active: false``
        only ends what was relayed, so typing costs little however fast people type."""
        now = time.monotonic()
        since = self._typing_since.get(conversation_id)
        if active and since is not None and now - since < TYPING_REFRESH:
            return
        (await self._membership(conversation_id)).require_active()
        if active:
            self._typing_since[conversation_id] = now
        elif self._typing_since.pop(conversation_id, None) is None:
            return
        frame = typing_frame(
            conversation_id, user_id=self._caller.user_id, name=self._caller.name, active=active
        )
        await self._runtime.events.publish_transient(conversation_id, frame)

    async def _membership(self, conversation_id: str) -> Membership:
        async with self._runtime.database.session() as session:
            return await membership(session, conversation_id, self._caller.user_id)

    async def _in_transaction(self, work: Callable[[ChatContext], Awaitable[T]]) -> T:
        runtime = self._runtime
        async with runtime.database.session(write=True) as session:
            ctx = ChatContext(
                session, actor=self._caller.actor, clock=runtime.clock, publisher=runtime.events
            )
            return await work(ctx)

    def _messages(self, ctx: ChatContext) -> MessageService:
        return MessageService(ctx, limiter=self._runtime.limiter, runner=self._runner)

    def _actions(self, ctx: ChatContext) -> ItemActions:
        return ItemActions(ctx, undo_handlers=self._undo_handlers)
