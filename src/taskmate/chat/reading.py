"""Reading a conversation's log (the change feed and history pages) and read receipts.

Both reads load the conversation before its items. Each item seen with ``seq`` s implies
every smaller ``seq`` has committed (see ``chat.log``), so a ``last_seq`` taken first never
promises more than the page holds: resuming from it can repeat a change (clients reconcile
items by id) but never skip one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import Row, Select, select, update

from taskmate.auth.models import User
from taskmate.chat.access import Membership, membership, participants_of
from taskmate.chat.context import ChatContext
from taskmate.chat.models import Conversation, Generation, Item, Participant
from taskmate.chat.views import ConversationView, ItemPage, ItemView
from taskmate.events import ConversationEvent


def _with_author_names() -> Select[Item, str | None]:
    return select(Item, User.name).outerjoin(User, User.id == Item.author_id)


def _views(rows: Sequence[Row[Item, str | None]]) -> list[ItemView]:
    return [ItemView(item=row.Item, author_name=row.name) for row in rows]


class ReadingService:
    def __init__(self, ctx: ChatContext) -> None:
        self._ctx = ctx
        self._db = ctx.session

    async def changes(self, conversation_id: str, *, after_seq: int, limit: int) -> ItemPage:
        """The latest state of every item changed after ``after_seq``, in ``seq`` order."""
        found = await self._membership(conversation_id)
        rows = (
            await self._db.execute(
                _with_author_names()
                .where(Item.conversation_id == conversation_id, Item.seq > after_seq)
                .order_by(Item.seq)
                .limit(limit + 1)
            )
        ).all()
        items = _views(rows[:limit])
        has_more = len(rows) > limit
        last_seq = found.conversation.last_seq
        if items:
            newest = items[-1].item.seq
            last_seq = newest if has_more else max(last_seq, newest)
        return ItemPage(items=items, last_seq=last_seq, has_more=has_more)

    async def streaming(self, conversation_id: str) -> ItemPage:
        """The messages still streaming, in ``seq`` order, with the conversation's
        ``last_seq`` (read first, like ``changes``): what a live subscriber gets at once.
        Only a running generation's message streams, so they are found through the
        generations' index, however long the conversation."""
        found = await self._membership(conversation_id)
        running = select(Generation.message_item_id).where(
            Generation.conversation_id == conversation_id, Generation.status == "running"
        )
        rows = (
            await self._db.execute(
                _with_author_names()
                .where(Item.id.in_(running), Item.status == "streaming")
                .order_by(Item.seq)
            )
        ).all()
        return ItemPage(items=_views(rows), last_seq=found.conversation.last_seq, has_more=False)

    async def history(
        self, conversation_id: str, *, before_position: int | None, limit: int
    ) -> ItemPage:
        """The page of items just before ``before_position`` (the newest page without it),
        in display order."""
        found = await self._membership(conversation_id)
        statement = (
            _with_author_names()
            .where(Item.conversation_id == conversation_id)
            .order_by(Item.position.desc())
            .limit(limit + 1)
        )
        if before_position is not None:
            statement = statement.where(Item.position < before_position)
        rows = (await self._db.execute(statement)).all()
        items = _views(rows[:limit])
        items.reverse()
        return ItemPage(
            items=items, last_seq=found.conversation.last_seq, has_more=len(rows) > limit
        )

    async def everything(self) -> list[tuple[ConversationView, list[ItemView]]]:
        """Every conversation the caller takes part in, with all its items in display order
        (for the account export)."""
        user_id = self._ctx.actor.user_id
        conversations = list(
            await self._db.scalars(
                select(Conversation)
                .join(Participant, Participant.conversation_id == Conversation.id)
                .where(Participant.user_id == user_id, Conversation.deleted_at.is_(None))
                .order_by(Conversation.created_at, Conversation.id)
            )
        )
        ids = [conversation.id for conversation in conversations]
        participants = await participants_of(self._db, ids)
        items: defaultdict[str, list[ItemView]] = defaultdict(list)
        if ids:
            rows = (
                await self._db.execute(
                    _with_author_names()
                    .where(Item.conversation_id.in_(ids))
                    .order_by(Item.conversation_id, Item.position)
                )
            ).all()
            for view in _views(rows):
                items[view.item.conversation_id].append(view)
        return [
            (
                ConversationView(
                    conversation=conversation, participants=participants[conversation.id]
                ),
                items[conversation.id],
            )
            for conversation in conversations
        ]

    async def mark_read(self, conversation_id: str, seq: int) -> None:
        """Moves the caller's read receipt forward to ``seq`` (never back, never past the
        log's end). Works on finalized conversations too."""
        found = await self._membership(conversation_id)
        user_id = self._ctx.actor.user_id
        target = min(seq, found.conversation.last_seq)
        moved = await self._db.scalar(
            update(Participant)
            .where(
                Participant.conversation_id == conversation_id,
                Participant.user_id == user_id,
                Participant.last_read_seq < target,
            )
            .values(last_read_seq=target)
            .returning(Participant.last_read_seq)
            .execution_options(synchronize_session=False)
        )
        if moved is not None:
            self._ctx.record(
                ConversationEvent(
                    conversation_id=conversation_id,
                    kind="receipt",
                    payload={"user_id": user_id, "seq": target},
                )
            )
        await self._ctx.commit()

    async def _membership(self, conversation_id: str) -> Membership:
        return await membership(self._db, conversation_id, self._ctx.actor.user_id)
