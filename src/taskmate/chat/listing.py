"""The conversation list: most recently updated first, searchable, with reading state.

Pages are keyset positions over ``(updated_at, id)``, newest first. The cursor is the last
row's key in URL-safe base64; it is not signed, because it can only move a listing within
the caller's own conversations. The figures of a page (message counts, unread counts, last
message previews, participants) come from one grouped query each, never one per row.

``q`` matches titles and message text with a case-insensitive ``LIKE``, bounded by the
caller's conversations: no index serves a substring search portably (on SQLite, case is
folded for ASCII letters only).
"""

from __future__ import annotations

import binascii
import json
import uuid
from base64 import urlsafe_b64decode, urlsafe_b64encode
from datetime import datetime

from sqlalchemy import Select, and_, case, exists, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from taskmate.api.types import format_timestamp
from taskmate.chat.access import participants_of
from taskmate.chat.models import Conversation, Item, Participant
from taskmate.chat.views import ConversationPage, ConversationSummary, ConversationView
from taskmate.errors import ValidationFailed

PREVIEW_LENGTH = 120
CursorKey = tuple[datetime, str]


def encode_cursor(conversation: Conversation) -> str:
    key = [format_timestamp(conversation.updated_at), conversation.id]
    return urlsafe_b64encode(json.dumps(key).encode()).rstrip(b"=").decode()


def _invalid_cursor() -> ValidationFailed:
    return ValidationFailed.field(
        "cursor", "is not a cursor from this listing; request the first page without it"
    )


def decode_cursor(cursor: str) -> CursorKey:
    try:
        stamp, conversation_id = json.loads(urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        updated_at = datetime.fromisoformat(stamp)
        key = updated_at, str(uuid.UUID(conversation_id))
    except (binascii.Error, ValueError, TypeError, AttributeError):
        raise _invalid_cursor() from None
    if updated_at.tzinfo is None:
        raise _invalid_cursor()
    return key


class ConversationListing:
    def __init__(self, session: AsyncSession, user_id: str) -> None:
        self._db = session
        self._user_id = user_id

    async def page(self, *, q: str | None, limit: int, cursor: str | None) -> ConversationPage:
        statement = self._statement(q, decode_cursor(cursor) if cursor else None, limit)
        rows = (await self._db.execute(statement)).all()
        page = rows[:limit]
        ids = [row.Conversation.id for row in page]
        counts = await self._message_counts(ids)
        previews = await self._previews(ids)
        participants = await participants_of(self._db, ids)
        summaries = []
        for row in page:
            conversation = row.Conversation
            messages, unread = counts.get(conversation.id, (0, 0))
            view = ConversationView(
                conversation=conversation, participants=participants[conversation.id]
            )
            summaries.append(
                ConversationSummary(
                    view=view,
                    message_count=messages,
                    last_message_preview=previews.get(conversation.id),
                    last_read_seq=row.last_read_seq,
                    unread_count=unread,
                )
            )
        next_cursor = encode_cursor(page[-1].Conversation) if len(rows) > limit else None
        return ConversationPage(items=summaries, next_cursor=next_cursor)

    def _statement(
        self, q: str | None, after: CursorKey | None, limit: int
    ) -> Select[Conversation, int]:
        statement = (
            select(Conversation, Participant.last_read_seq)
            .join(
                Participant,
                and_(
                    Participant.conversation_id == Conversation.id,
                    Participant.user_id == self._user_id,
                ),
            )
            .where(Conversation.deleted_at.is_(None))
            .order_by(Conversation.updated_at.desc(), Conversation.id.desc())
            .limit(limit + 1)
        )
        if q:
            mentioned = exists().where(
                Item.conversation_id == Conversation.id,
                Item.type == "message",
                Item.content.icontains(q, autoescape=True),
            )
            statement = statement.where(
                or_(Conversation.title.icontains(q, autoescape=True), mentioned)
            )
        if after is not None:
            updated_at, conversation_id = after
            statement = statement.where(
                Conversation.updated_at <= updated_at,
                or_(
                    Conversation.updated_at < updated_at,
                    Conversation.id < conversation_id,
                ),
            )
        return statement

    async def _message_counts(self, ids: list[str]) -> dict[str, tuple[int, int]]:
        """Messages per conversation, and those the caller has not read: newer than their
        read receipt and written by someone else."""
        unread = case(
            (
                and_(
                    Item.seq > Participant.last_read_seq,
                    Item.author_id.is_distinct_from(self._user_id),
                ),
                1,
            ),
            else_=0,
        )
        rows = await self._db.execute(
            select(Item.conversation_id, func.count(), func.sum(unread))
            .join(
                Participant,
                and_(
                    Participant.conversation_id == Item.conversation_id,
                    Participant.user_id == self._user_id,
                ),
            )
            .where(Item.conversation_id.in_(ids), Item.type == "message")
            .group_by(Item.conversation_id)
        )
        return {conversation_id: (total, unread or 0) for conversation_id, total, unread in rows}

    async def _previews(self, ids: list[str]) -> dict[str, str]:
        last = (
            select(Item.conversation_id, func.max(Item.position).label("position"))
            .where(Item.conversation_id.in_(ids), Item.type == "message")
            .group_by(Item.conversation_id)
            .subquery()
        )
        rows = await self._db.execute(
            select(Item.conversation_id, func.substr(Item.content, 1, PREVIEW_LENGTH)).join(
                last,
                and_(
                    Item.conversation_id == last.c.conversation_id,
                    Item.position == last.c.position,
                ),
            )
        )
        return dict(rows.all())
