"""What tool calls touched: the subjects a responder names on ``ToolCallFinished`` are kept
beside the call (``ItemSubject``), so the application can ask which calls touched one of its
things, newest first, in the conversations a user can still open. The requester's channel
hears of such a call when it finishes and when it is undone (``activity`` events), since
the tool's own events go out before the call is recorded."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from taskmate.chat.context import LogContext
from taskmate.chat.models import (
    MAX_SUBJECT,
    Conversation,
    Generation,
    Item,
    ItemSubject,
    Participant,
)
from taskmate.events import DomainEvent, EventAction


@dataclass(frozen=True, kw_only=True, slots=True)
class SubjectCall:
    """A tool call about the subject, its conversation, and who asked for it (None when the
    account is gone)."""

    item: Item
    conversation: Conversation
    requested_by: str | None


@dataclass(frozen=True, kw_only=True, slots=True)
class SubjectCalls:
    calls: list[SubjectCall]
    has_more: bool


def record_subjects(
    ctx: LogContext, item: Item, subjects: Sequence[str], *, requested_by: str
) -> None:
    """Indexes what a finished tool call touched, in the context's transaction, and tells
    the user whose request made it (an ``activity`` event, ``created``)."""
    named = sorted(set(subjects))
    for subject in named:
        if len(subject) > MAX_SUBJECT:
            raise ValueError(f"a subject is at most {MAX_SUBJECT} characters: {subject!r}")
        ctx.session.add(ItemSubject(subject=subject, item_id=item.id))
    if named:
        ctx.record(_activity(item, named, requested_by, "created"))


async def announce_undone(ctx: LogContext, item: Item, *, requested_by: str) -> None:
    """An ``activity`` event (``updated``) for an undone tool call that named subjects."""
    named = list(
        await ctx.session.scalars(
            select(ItemSubject.subject)
            .where(ItemSubject.item_id == item.id)
            .order_by(ItemSubject.subject)
        )
    )
    if named:
        ctx.record(_activity(item, named, requested_by, "updated"))


def _activity(item: Item, subjects: list[str], user_id: str, action: EventAction) -> DomainEvent:
    payload = {"conversation_id": item.conversation_id, "item_id": item.id, "subjects": subjects}
    return DomainEvent(user_id=user_id, kind="activity", action=action, payload=payload)


async def calls_about(
    session: AsyncSession, subject: str, *, user_id: str, limit: int
) -> SubjectCalls:
    """The tool calls about ``subject`` in the conversations ``user_id`` takes part in and
    that are not deleted, newest first, at most ``limit``."""
    rows = (
        await session.execute(
            select(Item, Conversation, Generation.requested_by)
            .join(ItemSubject, ItemSubject.item_id == Item.id)
            .join(Conversation, Conversation.id == Item.conversation_id)
            .join(
                Participant,
                (Participant.conversation_id == Conversation.id) & (Participant.user_id == user_id),
            )
            .outerjoin(Generation, Generation.id == Item.generation_id)
            .where(
                ItemSubject.subject == subject,
                Item.type == "tool_call",
                Conversation.deleted_at.is_(None),
            )
            .order_by(Item.created_at.desc(), Item.position.desc(), Item.id)
            .limit(limit + 1)
        )
    ).all()
    calls = [
        SubjectCall(item=row.Item, conversation=row.Conversation, requested_by=row.requested_by)
        for row in rows[:limit]
    ]
    return SubjectCalls(calls=calls, has_more=len(rows) > limit)
