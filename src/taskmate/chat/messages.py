"""Sending messages (idempotent by ``client_id``), stopping and regenerating answers."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from taskmate.auth.models import User
from taskmate.chat.access import Membership, membership
from taskmate.chat.context import ChatContext
from taskmate.chat.generations import (
    assistant_answers,
    generation_event,
    queue_generation,
    request_stop,
)
from taskmate.chat.handoff import LocalRunner
from taskmate.chat.log import ItemDraft
from taskmate.chat.models import Item
from taskmate.chat.runner_lease import Claim
from taskmate.chat.views import ItemView, SentMessage
from taskmate.db.base import new_id
from taskmate.errors import Conflict, Forbidden, PayloadTooLarge, ValidationFailed
from taskmate.ratelimit import RateLimiter

MAX_CONTENT = 10_000


def check_content(content: str) -> None:
    """1 to 10,000 characters (code points), kept exactly as sent; blank is not a message,
    and U+0000 cannot be stored (PostgreSQL refuses it), so it is refused everywhere."""
    if len(content) > MAX_CONTENT:
        raise PayloadTooLarge(
            f"The message has {len(content):,} characters; at most {MAX_CONTENT:,} fit. "
            "Split it into several messages."
        )
    if not content.strip():
        raise ValidationFailed.field("content", "is empty; write something to send")
    if "\x00" in content:
        raise ValidationFailed.field("content", "cannot contain the NUL character (U+0000)")


class MessageService:
    def __init__(
        self, ctx: ChatContext, *, limiter: RateLimiter, runner: LocalRunner | None = None
    ) -> None:
        self._ctx = ctx
        self._db = ctx.session
        self._limiter = limiter
        self._runner = runner

    async def send(self, conversation_id: str, *, client_id: UUID, content: str) -> SentMessage:
        """Appends the caller's message and, when the assistant should answer it, queues a
        generation in the same transaction.

        The same ``client_id`` again returns the stored message and its generation and
        creates nothing (also after finalize, and without counting against the rate limit);
        with different content it is a conflict.

        A new message takes two statements: one that takes its place in the log only if the
        caller may write there, and the insert. Its generation starts right there when this
        instance's runner can take it and the conversation's assistant is idle
        (``chat.handoff``); else it is queued. Everything else (a replay, which meets the
        unique index, also when two sends of one ``client_id`` race; a conversation the
        caller cannot write to) rolls back and finds out why afterwards.
        """
        check_content(content)
        client = str(client_id)
        try:
            appended = await self._append(conversation_id, client, content)
        except IntegrityError:
            await self._ctx.rollback()
            stored = await self._stored(conversation_id, client)
            if stored is None:
                raise
            return _replayed(stored, content)
        if appended is None:
            await self._ctx.rollback()
            return await self._refused_or_replayed(conversation_id, client, content)
        sent, started = appended
        await self._ctx.commit()
        if started is not None and self._runner is not None:
            self._runner.take(started)
        return sent

    async def stop(self, conversation_id: str) -> bool:
        """Asks the running generation (and any queued behind it) to stop. True when there
        was one; its message keeps what it wrote so far."""
        found = await self._membership(conversation_id)
        found.require_active()
        stopped = await request_stop(self._ctx, conversation_id)
        await self._ctx.commit()
        return stopped

    async def regenerate(self, conversation_id: str) -> str:
        """Queues a new answer to the conversation's last user message. Only its author may
        ask, while a participant: the assistant's tools act on the author's tasks. Each answer
        costs like a message, so it counts against the same limit."""
        found = await self._membership(conversation_id)
        found.require_active()
        if found.conversation.assistant == "off":
            raise Conflict(
                "The assistant is off in this conversation; the owner can turn it on first."
            )
        message = await self._db.scalar(
            select(Item)
            .where(
                Item.conversation_id == conversation_id,
                Item.type == "message",
                Item.role == "user",
            )
            .order_by(Item.position.desc())
            .limit(1)
        )
        if message is None:
            raise Conflict("There is no message to answer again yet; send one first.")
        actor = self._ctx.actor.user_id
        if message.author_id != actor:
            raise Forbidden(
                "Only the person who sent the last message can ask for a new answer to it."
            )
        await self._limiter.hit(self._limiter.messages, "messages", actor, "messages")
        generation_id = await queue_generation(
            self._db,
            conversation_id=conversation_id,
            reply_to_item_id=message.id,
            requested_by=actor,
            now=self._ctx.now(),
        )
        self._ctx.record(generation_event(conversation_id, generation_id, "queued"))
        await self._ctx.commit()
        return generation_id

    async def _membership(self, conversation_id: str) -> Membership:
        return await membership(self._db, conversation_id, self._ctx.actor.user_id)

    async def _append(
        self, conversation_id: str, client_id: str, content: str
    ) -> tuple[SentMessage, Claim | None] | None:
        actor = self._ctx.actor
        slot = await self._ctx.log.reserve(conversation_id, member_id=actor.user_id)
        if slot is None:
            return None
        generation_id = new_id() if assistant_answers(slot.assistant, content) else None
        draft = ItemDraft(
            type="message",
            status="completed",
            role="user",
            author_id=actor.user_id,
            content=content,
            client_id=client_id,
            generation_id=generation_id,
        )
        item = await self._ctx.log.insert(conversation_id, slot, draft)
        # Counted only now, when it is known to be a new message: replays are free.
        await self._limiter.hit(self._limiter.messages, "messages", actor.user_id, "messages")
        view = ItemView(item=item, author_name=actor.name)
        self._ctx.record_item(view)
        started = None
        if generation_id is not None:
            started = await self._start_or_queue(conversation_id, generation_id, item.id)
        return SentMessage(item=view, generation_id=generation_id, created=True), started

    async def _start_or_queue(
        self, conversation_id: str, generation_id: str, message_id: str
    ) -> Claim | None:
        actor = self._ctx.actor.user_id
        leases = self._runner.leases() if self._runner is not None else None
        if leases is not None:
            started = await leases.start(
                self._ctx,
                conversation_id=conversation_id,
                generation_id=generation_id,
                reply_to_item_id=message_id,
                requested_by=actor,
            )
            if started is not None:
                return started
        await queue_generation(
            self._db,
            conversation_id=conversation_id,
            reply_to_item_id=message_id,
            requested_by=actor,
            now=self._ctx.now(),
            generation_id=generation_id,
        )
        self._ctx.record(generation_event(conversation_id, generation_id, "queued"))
        return None

    async def _refused_or_replayed(
        self, conversation_id: str, client_id: str, content: str
    ) -> SentMessage:
        """Why the conversation took no new message: not the caller's to see (not found),
        a message sent before (its replay, even after finalize), or finalized."""
        found = await self._membership(conversation_id)
        stored = await self._stored(conversation_id, client_id)
        if stored is not None:
            return _replayed(stored, content)
        found.require_active()
        raise Conflict(
            "The conversation changed while the message was being sent; send it again "
            "with the same client_id."
        )

    async def _stored(self, conversation_id: str, client_id: str) -> ItemView | None:
        row = (
            await self._db.execute(
                select(Item, User.name)
                .outerjoin(User, User.id == Item.author_id)
                .where(
                    Item.conversation_id == conversation_id,
                    Item.author_id == self._ctx.actor.user_id,
                    Item.client_id == client_id,
                )
            )
        ).first()
        return None if row is None else ItemView(item=row.Item, author_name=row.name)


def _replayed(stored: ItemView, content: str) -> SentMessage:
    if stored.item.content != content:
        raise Conflict(
            "This client_id was already used for a different message; send a new message "
            "with a new client_id."
        )
    return SentMessage(item=stored, generation_id=stored.item.generation_id, created=False)
