"""Reading what a responder needs to know about the message it answers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, cast

from sqlalchemy import select
from sqlalchemy.orm import aliased

from taskmate.auth.models import User
from taskmate.chat.models import Conversation, Generation, Item
from taskmate.chat.responder import Answers, HistoryMessage, Turn, TurnUser
from taskmate.db.engine import Database

Role = Literal["user", "assistant", "system"]


class TurnUnavailable(Exception):
    """The generation cannot run: what it answers, or whom it acts for, is gone."""


def _message(item: Item, author_name: str | None) -> HistoryMessage:
    return HistoryMessage(
        item_id=item.id,
        position=item.position,
        role=cast(Role, item.role),
        status=item.status,
        author_id=item.author_id,
        author_name=author_name,
        content=item.content,
    )


class History:
    """A conversation's messages, read on demand (each read has its own session)."""

    def __init__(self, database: Database, conversation_id: str) -> None:
        self._database = database
        self._conversation_id = conversation_id

    async def before(self, position: int, limit: int) -> Sequence[HistoryMessage]:
        """Up to ``limit`` messages just before ``position``, oldest first."""
        async with self._database.session() as session:
            rows = (
                await session.execute(
                    select(Item, User.name)
                    .outerjoin(User, User.id == Item.author_id)
                    .where(
                        Item.conversation_id == self._conversation_id,
                        Item.type == "message",
                        Item.position < position,
                    )
                    .order_by(Item.position.desc())
                    .limit(limit)
                )
            ).all()
        return [_message(row.Item, row.name) for row in reversed(rows)]


async def load_turn(
    database: Database, generation_id: str, *, answers: Answers, history_size: int
) -> Turn:
    author = aliased(User)
    async with database.session() as session:
        row = (
            await session.execute(
                select(Generation, Conversation.title, Item, User, author.name.label("author"))
                .join(Conversation, Conversation.id == Generation.conversation_id)
                .join(Item, Item.id == Generation.reply_to_item_id)
                .outerjoin(User, User.id == Generation.requested_by)
                .outerjoin(author, author.id == Item.author_id)
                .where(Generation.id == generation_id)
            )
        ).one_or_none()
    if row is None or row.User is None:
        raise TurnUnavailable(f"generation {generation_id}: its message or user is gone")
    user: User = row.User
    history = History(database, row.Generation.conversation_id)
    message = _message(row.Item, row.author)
    return Turn(
        conversation_id=row.Generation.conversation_id,
        generation_id=generation_id,
        message=message,
        user=TurnUser(user_id=user.id, name=user.name, timezone=user.timezone),
        history=await history.before(message.position, history_size),
        earlier=history.before,
        title=row.title,
        answers=answers,
    )
