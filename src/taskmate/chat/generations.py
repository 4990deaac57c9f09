"""Generations as the engine records them: queued when a message needs an answer, asked to
stop durably. Running them (leases, streaming, honouring the stop) is the runner's job."""

from __future__ import annotations

import re
from datetime import datetime
from typing import cast

from sqlalchemy import Table, case, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from taskmate.chat.context import LogContext
from taskmate.chat.log import ItemDraft
from taskmate.chat.models import PENDING_GENERATION_STATUSES, Conversation, Generation
from taskmate.chat.views import ItemView
from taskmate.db.base import new_id
from taskmate.events import ConversationEvent

_INSERT_GENERATION = insert(cast(Table, Generation.__table__))

MENTION = re.compile(r"(?<!\w)@assistant\b", re.IGNORECASE)


def assistant_answers(mode: str, content: str) -> bool:
    """``always`` answers every message, ``mention`` only those naming ``@assistant``."""
    if mode == "always":
        return True
    return mode == "mention" and MENTION.search(content) is not None


async def queue_generation(
    session: AsyncSession,
    *,
    conversation_id: str,
    reply_to_item_id: str,
    requested_by: str,
    now: datetime,
    generation_id: str | None = None,
) -> str:
    """Adds a ``queued`` generation answering ``reply_to_item_id``; returns its id."""
    generation_id = generation_id or new_id()
    await session.execute(
        _INSERT_GENERATION,
        {
            "id": generation_id,
            "conversation_id": conversation_id,
            "status": "queued",
            "reply_to_item_id": reply_to_item_id,
            "requested_by": requested_by,
            "created_at": now,
            "updated_at": now,
        },
    )
    return generation_id


async def request_stop(ctx: LogContext, conversation_id: str) -> bool:
    """Marks every queued or running generation of the conversation as asked to stop and
    records the events that tell the runner holding one of them (the column is the truth;
    the event only makes the stop prompt). Queued ones are ``stopped`` at once: they never
    start, so each gets its assistant message here, empty and ``stopped``, and the request
    it answered shows the stop like any other. True when there was one to stop.

    The conversation's row is locked before its generations, the order every writer keeps
    (a claim appends its message, then starts the generation)."""
    await ctx.session.execute(
        select(Conversation.id)
        .where(Conversation.id == conversation_id)
        .with_for_update(key_share=True)
    )
    now = ctx.now()
    stopped = (
        await ctx.session.execute(
            update(Generation)
            .where(
                Generation.conversation_id == conversation_id,
                Generation.status.in_(PENDING_GENERATION_STATUSES),
                Generation.stop_requested_at.is_(None),
            )
            .values(
                stop_requested_at=now,
                updated_at=now,
                status=case((Generation.status == "queued", "stopped"), else_=Generation.status),
            )
            .returning(Generation.id, Generation.status)
            .execution_options(synchronize_session=False)
        )
    ).all()
    for generation_id, status in stopped:
        if status == "stopped":
            await _answer_stopped(ctx, conversation_id, generation_id)
        ctx.record(generation_event(conversation_id, generation_id, "stop"))
    return bool(stopped)


async def _answer_stopped(ctx: LogContext, conversation_id: str, generation_id: str) -> None:
    draft = ItemDraft(
        type="message", status="stopped", role="assistant", generation_id=generation_id
    )
    message = await ctx.log.append(conversation_id, draft)
    await ctx.session.execute(
        update(Generation)
        .where(Generation.id == generation_id)
        .values(message_item_id=message.id)
        .execution_options(synchronize_session=False)
    )
    ctx.record_item(ItemView(item=message, author_name=None))


def generation_event(conversation_id: str, generation_id: str, command: str) -> ConversationEvent:
    """``queued``: there is work to pick up; ``stop``: the generation should end."""
    return ConversationEvent(
        conversation_id=conversation_id,
        kind="generation",
        payload={"generation_id": generation_id, "command": command},
    )
