"""The item log: the only code that allocates ``seq`` and ``position``.

Every durable change to an item goes through ``ItemLog.append`` (a new item) or
``ItemLog.touch`` (a change to an existing one). Both take the conversation's next ``seq``
with ``UPDATE conversations SET last_seq = last_seq + 1 ... RETURNING`` in the caller's
transaction. That update locks the conversation's row until the transaction ends, so the
writers of one conversation commit one after another in ``seq`` order: a reader never sees
seq 7 before seq 6 has committed, and a rolled-back writer gives its numbers back, so ``seq``
has no gaps at allocation time (an item that changes again leaves its old ``seq`` behind).

On SQLite, write sessions start with ``BEGIN IMMEDIATE`` and are serialised anyway.

Callers publish the returned items after they commit (``chat.context``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.util import identity_key

from taskmate.chat.errors import conversation_finalized, conversation_not_found
from taskmate.chat.models import Conversation, Item, ItemType


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
        now = self._clock()
        seq, position = await self._advance(
            conversation_id, now, new_position=True, while_active=while_active
        )
        item = Item(
            conversation_id=conversation_id,
            type=draft.type,
            status=draft.status,
            seq=seq,
            position=position,
            role=draft.role,
            author_id=draft.author_id,
            content=draft.content,
            client_id=draft.client_id,
            generation_id=draft.generation_id,
            data=dict(draft.data),
            created_at=now,
            updated_at=now,
        )
        self._db.add(item)
        await self._db.flush()
        return item

    async def touch(self, item: Item) -> Item:
        """Records a change the caller made to ``item`` (status, content, ``data``): gives
        it the conversation's next ``seq`` and stamps ``updated_at``. Replace ``item.data``
        with a new dict rather than mutating it, so the change is saved."""
        now = self._clock()
        item.seq, _ = await self._advance(item.conversation_id, now, new_position=False)
        item.updated_at = now
        await self._db.flush()
        return item

    async def _advance(
        self, conversation_id: str, now: datetime, *, new_position: bool, while_active: bool = False
    ) -> tuple[int, int]:
        values: dict[str, Any] = {"last_seq": Conversation.last_seq + 1, "updated_at": now}
        if new_position:
            values["last_position"] = Conversation.last_position + 1
        statement = (
            update(Conversation)
            .where(Conversation.id == conversation_id)
            .values(values)
            .returning(Conversation.last_seq, Conversation.last_position)
            .execution_options(synchronize_session=False)
        )
        if while_active:
            statement = statement.where(Conversation.status == "active")
        row = (await self._db.execute(statement)).one_or_none()
        if row is None:
            raise conversation_finalized() if while_active else conversation_not_found()
        self._refresh_loaded(conversation_id, row.last_seq, row.last_position, now)
        return row.last_seq, row.last_position

    def _refresh_loaded(self, conversation_id: str, seq: int, position: int, now: datetime) -> None:
        """Keeps a conversation this session already holds in step with the counters."""
        loaded = self._db.identity_map.get(identity_key(Conversation, conversation_id))
        if isinstance(loaded, Conversation):
            set_committed_value(loaded, "last_seq", seq)
            set_committed_value(loaded, "last_position", position)
            set_committed_value(loaded, "updated_at", now)
