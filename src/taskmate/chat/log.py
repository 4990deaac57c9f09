"""The item log: the only code that allocates ``seq`` and ``position``.

Every durable change to an item goes through ``ItemLog.append`` (a new item) or
``ItemLog.touch`` (a change to an existing one). Both take the conversation's next ``seq``
with ``UPDATE conversations SET last_seq = last_seq + 1 ... RETURNING`` in the caller's
transaction. That update locks the conversation's row until the transaction ends, so the
writers of one conversation commit one after another in ``seq`` order: a reader never sees
seq 7 before seq 6 has committed, and a rolled-back writer gives its numbers back, so ``seq``
has no gaps at allocation time (an item that changes again leaves its old ``seq`` behind).

On SQLite, write sessions start with ``BEGIN IMMEDIATE`` and are serialised anyway.

The statements are built once and run as Core statements: sending a message is the hottest
write path, and building and flushing ORM statements cost more than the database did.
New items come back as ORM objects that are not attached to the session; load an item to
change it.

Callers publish the returned items after they commit (``chat.context``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import Any, cast

from sqlalchemy import Table, Update, bindparam, exists, insert, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.util import identity_key

from taskmate.chat.errors import conversation_finalized, conversation_not_found
from taskmate.chat.models import Conversation, Item, ItemType, Participant
from taskmate.db.base import UTCDateTime, new_id


@dataclass(frozen=True, kw_only=True, slots=True)
class ItemDraft:
    """A new item, before the log gives it its ``seq`` and ``position``."""

    type: ItemType
    status: str
    role: str | None = None
    author_id: str | None = None
    content: str = ""
    client_id: str | None = None
    generation_id: str | None = None
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True, slots=True)
class Slot:
    """Where a new item goes, and the conversation's assistant mode as of taking it."""

    seq: int
    position: int
    assistant: str
    at: datetime


class ItemLog:
    def __init__(self, session: AsyncSession, *, clock: Callable[[], datetime]) -> None:
        self._db = session
        self._clock = clock

    async def append(
        self, conversation_id: str, draft: ItemDraft, *, while_active: bool = False
    ) -> Item:
        """Adds an item at the end of the conversation. With ``while_active``, refuses with
        ``conversation_finalized`` when the conversation was finalized, even by a transaction
        that committed after the caller checked (the row lock makes this check exact)."""
        slot = await self._advance(conversation_id, new_position=True, while_active=while_active)
        if slot is None:
            raise conversation_finalized() if while_active else conversation_not_found()
        return await self.insert(conversation_id, slot, draft)

    async def reserve(self, conversation_id: str, *, member_id: str) -> Slot | None:
        """The next place in a conversation that is active, not deleted and has
        ``member_id`` among its participants; None when any of that is not so. Fill it with
        ``insert`` in the same transaction."""
        return await self._advance(
            conversation_id, new_position=True, while_active=True, member_id=member_id
        )

    async def insert(self, conversation_id: str, slot: Slot, draft: ItemDraft) -> Item:
        values: dict[str, Any] = {
            "id": new_id(),
            "conversation_id": conversation_id,
            "type": draft.type,
            "status": draft.status,
            "seq": slot.seq,
            "position": slot.position,
            "role": draft.role,
            "author_id": draft.author_id,
            "content": draft.content,
            "client_id": draft.client_id,
            "generation_id": draft.generation_id,
            "data": dict(draft.data),
            "created_at": slot.at,
            "updated_at": slot.at,
        }
        await self._db.execute(_INSERT_ITEM, values)
        return Item(**values)

    async def touch(self, item: Item) -> Item:
        """Records a change the caller made to ``item`` (status, content, ``data``): gives
        it the conversation's next ``seq`` and stamps ``updated_at``. Replace ``item.data``
        with a new dict rather than mutating it, so the change is saved."""
        slot = await self._advance(item.conversation_id, new_position=False, while_active=False)
        if slot is None:
            raise conversation_not_found()
        item.seq, item.updated_at = slot.seq, slot.at
        await self._db.flush()
        return item

    async def end(self, conversation_id: str, item_id: str, *, status: str, content: str) -> Item:
        """Gives an item that was not loaded its final ``status`` and ``content`` (and the
        conversation's next ``seq``) in one statement: how a generation's end closes its
        items, the hottest change after sending."""
        slot = await self._advance(conversation_id, new_position=False, while_active=False)
        if slot is None:
            raise conversation_not_found()
        values = {"item": item_id, "status_": status, "content_": content}
        row = (await self._db.execute(_END_ITEM, values | {"seq_": slot.seq, "at": slot.at})).one()
        return Item(**row._mapping)

    async def _advance(
        self,
        conversation_id: str,
        *,
        new_position: bool,
        while_active: bool,
        member_id: str | None = None,
    ) -> Slot | None:
        now = self._clock()
        statement = _advance_statement(
            new_position=new_position, while_active=while_active, of_member=member_id is not None
        )
        parameters = {"conversation_id": conversation_id, "now": now, "member_id": member_id}
        row = (await self._db.execute(statement, parameters)).one_or_none()
        if row is None:
            return None
        self._refresh_loaded(conversation_id, row.last_seq, row.last_position, now)
        return Slot(seq=row.last_seq, position=row.last_position, assistant=row.assistant, at=now)

    def _refresh_loaded(self, conversation_id: str, seq: int, position: int, now: datetime) -> None:
        """Keeps a conversation this session already holds in step with the counters."""
        loaded = self._db.identity_map.get(identity_key(Conversation, conversation_id))
        if isinstance(loaded, Conversation):
            set_committed_value(loaded, "last_seq", seq)
            set_committed_value(loaded, "last_position", position)
            set_committed_value(loaded, "updated_at", now)


_CONVERSATIONS_TABLE = cast(Table, Conversation.__table__)
_CONVERSATIONS = _CONVERSATIONS_TABLE.c
_PARTICIPANTS = Participant.__table__.c
_ITEMS_TABLE = cast(Table, Item.__table__)
_INSERT_ITEM = insert(_ITEMS_TABLE)
_END_ITEM = (
    update(_ITEMS_TABLE)
    .where(_ITEMS_TABLE.c.id == bindparam("item"))
    .values(
        status=bindparam("status_"),
        content=bindparam("content_"),
        seq=bindparam("seq_"),
        updated_at=bindparam("at", type_=UTCDateTime()),
    )
    .returning(*_ITEMS_TABLE.c)
)


@cache
def _advance_statement(*, new_position: bool, while_active: bool, of_member: bool) -> Update:
    values: dict[str, Any] = {
        "last_seq": _CONVERSATIONS.last_seq + 1,
        "updated_at": bindparam("now", type_=UTCDateTime()),
    }
    if new_position:
        values["last_position"] = _CONVERSATIONS.last_position + 1
    statement = (
        update(_CONVERSATIONS_TABLE)
        .where(_CONVERSATIONS.id == bindparam("conversation_id"))
        .values(values)
        .returning(_CONVERSATIONS.last_seq, _CONVERSATIONS.last_position, _CONVERSATIONS.assistant)
    )
    if while_active:
        statement = statement.where(_CONVERSATIONS.status == "active")
    if of_member:
        statement = statement.where(
            _CONVERSATIONS.deleted_at.is_(None),
            exists().where(
                _PARTICIPANTS.conversation_id == _CONVERSATIONS.id,
                _PARTICIPANTS.user_id == bindparam("member_id"),
            ),
        )
    return statement
