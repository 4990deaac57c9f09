"""Reading what a responder needs to know about the message it answers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, Protocol, cast

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from taskmate.auth.models import User
from taskmate.chat.models import Conversation, Generation, Item
from taskmate.chat.responder import Answers, HistoryMessage, Turn, TurnUser
from taskmate.chat.runner_history import WarmHistory
from taskmate.db.engine import Database

Role = Literal["user", "assistant", "system"]

# Read as plain rows with statements built once: a turn is read for every answer, and
# loading ORM objects for it cost more than the queries.
_AUTHOR = aliased(User)
_MESSAGE_COLUMNS = (
    Item.id,
    Item.position,
    Item.role,
    Item.status,
    Item.author_id,
    Item.content,
    _AUTHOR.name.label("author_name"),
)
_HISTORY = (
    select(*_MESSAGE_COLUMNS)
    .outerjoin(_AUTHOR, _AUTHOR.id == Item.author_id)
    .where(
        Item.conversation_id == bindparam("conversation"),
        Item.type == "message",
        Item.position < bindparam("position"),
    )
    .order_by(Item.position.desc())
    .limit(bindparam("limit"))
)
_TURN = (
    select(
        Generation.conversation_id,
        Conversation.title,
        User.id.label("user_id"),
        User.name.label("user_name"),
        User.timezone,
        User.clock,
        User.date_format,
        Conversation.last_seq,
        Item.seq.label("question_seq"),
        *_MESSAGE_COLUMNS,
    )
    .select_from(Generation)
    .join(Conversation, Conversation.id == Generation.conversation_id)
    .join(Item, Item.id == Generation.reply_to_item_id)
    .outerjoin(User, User.id == Generation.requested_by)
    .outerjoin(_AUTHOR, _AUTHOR.id == Item.author_id)
    .where(Generation.id == bindparam("generation"))
)


class TurnUnavailable(Exception):
    """The generation cannot run: what it answers, or whom it acts for, is gone."""


class _MessageRow(Protocol):
    id: str
    position: int
    role: str | None
    status: str
    author_id: str | None
    content: str
    author_name: str | None


def _message(row: _MessageRow) -> HistoryMessage:
    return HistoryMessage(
        item_id=row.id,
        position=row.position,
        role=cast(Role, row.role),
        status=row.status,
        author_id=row.author_id,
        author_name=row.author_name,
        content=row.content,
    )


class History:
    """A conversation's messages, read on demand (each read has its own session)."""

    def __init__(self, database: Database, conversation_id: str) -> None:
        self._database = database
        self._conversation_id = conversation_id

    async def before(self, position: int, limit: int) -> Sequence[HistoryMessage]:
        """Up to ``limit`` messages just before ``position``, oldest first."""
        async with self._database.session() as session:
            return await self.read(session, position, limit)

    async def read(
        self, session: AsyncSession, position: int, limit: int
    ) -> Sequence[HistoryMessage]:
        """``before`` in the caller's session."""
        window = {"conversation": self._conversation_id, "position": position, "limit": limit}
        rows = (await session.execute(_HISTORY, window)).all()
        return [_message(row) for row in reversed(rows)]


async def load_turn(
    database: Database,
    generation_id: str,
    *,
    answers: Answers,
    history_size: int,
    warm: WarmHistory,
) -> Turn:
    """The turn of a generation; its history from ``warm`` when that still holds."""
    async with database.session() as session:
        row = (await session.execute(_TURN, {"generation": generation_id})).one_or_none()
        if row is None or row.user_id is None:
            raise TurnUnavailable(f"generation {generation_id}: its message or user is gone")
        history = History(database, row.conversation_id)
        message = _message(row)
        recent = warm.recall(
            row.conversation_id,
            question_seq=row.question_seq,
            question_position=message.position,
            last_seq=row.last_seq,
        )
        if recent is None:
            recent = await history.read(session, message.position, history_size)
    return Turn(
        conversation_id=row.conversation_id,
        generation_id=generation_id,
        message=message,
        user=TurnUser(
            user_id=row.user_id,
            name=row.user_name,
            timezone=row.timezone,
            clock=row.clock,
            date_format=row.date_format,
        ),
        history=recent,
        earlier=history.before,
        title=row.title,
        answers=answers,
    )
