"""Leases on generations, kept in the database so that it needs nothing else (no Redis).

A generation is ``running`` under the lease of one runner instance (``lease_owner``) until
``lease_expires_at``. Claiming is a conditional update, so among any number of instances
exactly one wins; the owner renews its leases in one statement per heartbeat, and every
write it makes for a generation checks (and renews) the lease in the same transaction
(``fence``), so an instance that lost its lease can no longer change anything. A lease that
expired means its instance died: the reaper ends the generation as ``interrupted``.

Row locks are always taken in one order: items, then the conversation (``ItemLog``; a stop
locks it explicitly), then generations. A claim appends the message (locking the
conversation) before it checks that none of the conversation's generations runs, which makes
"one running generation per conversation" exact on PostgreSQL (SQLite serialises write
transactions anyway).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import cast

from sqlalchemy import Table, bindparam, exists, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from taskmate.chat.context import LogContext
from taskmate.chat.log import ItemDraft
from taskmate.chat.models import (
    PENDING_GENERATION_STATUSES,
    Generation,
    GenerationStatus,
    Item,
)
from taskmate.chat.views import ItemView

_RUNNING = aliased(Generation)
# The hot path's statements are built once, like the item log's: building them per call
# cost more than running them.
_WAITING = (
    select(Generation.conversation_id)
    .where(
        Generation.status == "queued",
        ~exists().where(
            _RUNNING.conversation_id == Generation.conversation_id, _RUNNING.status == "running"
        ),
    )
    .group_by(Generation.conversation_id)
    .order_by(func.min(Generation.created_at))
    .limit(bindparam("limit"))
)
_NEXT_QUEUED = (
    select(Generation.id)
    .join(Item, Item.id == Generation.reply_to_item_id)
    .where(Generation.conversation_id == bindparam("conversation"), Generation.status == "queued")
    .order_by(Item.position, Generation.created_at, Generation.id)
    .limit(1)
)
_PENDING = select(
    exists().where(
        Generation.conversation_id == bindparam("conversation"),
        Generation.status.in_(PENDING_GENERATION_STATUSES),
    )
)
_INSERT_GENERATION = insert(cast(Table, Generation.__table__))
_HELD = (
    (Generation.id == bindparam("generation"))
    & (Generation.lease_owner == bindparam("owner"))
    & (Generation.status == "running")
)
_START = (
    update(Generation)
    .where(
        Generation.id == bindparam("generation"),
        Generation.status == "queued",  # not stopped (or claimed) since it was read
        ~exists().where(
            _RUNNING.conversation_id == bindparam("conversation"), _RUNNING.status == "running"
        ),
    )
    .values(
        status="running",
        lease_owner=bindparam("owner"),
        lease_expires_at=bindparam("expires"),
        message_item_id=bindparam("message"),
        updated_at=bindparam("now"),
    )
    .returning(Generation.id)
    .execution_options(synchronize_session=False)
)
_FENCE = (
    update(Generation)
    .where(_HELD)
    .values(lease_expires_at=bindparam("expires"))
    .returning(Generation.stop_requested_at)
    .execution_options(synchronize_session=False)
)
_END = (
    update(Generation)
    .where(_HELD)
    .values(status=bindparam("ending"), lease_expires_at=None, updated_at=bindparam("now"))
    .returning(Generation.id)
    .execution_options(synchronize_session=False)
)


class LeaseLost(Exception):
    """This instance no longer holds the generation's lease (another instance's reaper
    ended it); whatever it was about to write is dropped."""


@dataclass(frozen=True, kw_only=True, slots=True)
class Claim:
    generation_id: str
    conversation_id: str
    message_item_id: str
    message_position: int


class Leases:
    def __init__(self, *, owner: str, ttl: timedelta) -> None:
        self.owner = owner
        self._ttl = ttl

    async def waiting_conversations(self, session: AsyncSession, *, limit: int) -> list[str]:
        """Conversations with a queued generation and none running, longest waiting first."""
        return list(await session.scalars(_WAITING, {"limit": limit}))

    async def claim(self, ctx: LogContext, conversation_id: str) -> Claim | None:
        """Starts the conversation's next generation, unless one is running: appends its
        (empty, ``streaming``) assistant message and marks it ``running`` under this
        instance's lease. Commits; None when there was nothing to start."""
        session, now = ctx.session, ctx.now()
        generation_id = await session.scalar(_NEXT_QUEUED, {"conversation": conversation_id})
        if generation_id is None:
            return None
        draft = ItemDraft(
            type="message", status="streaming", role="assistant", generation_id=generation_id
        )
        # Appending locks the conversation's row: from here on, no other claim of this
        # conversation can commit, so the check below holds until this one commits.
        message = await ctx.log.append(conversation_id, draft)
        claimed = await session.scalar(
            _START,
            {
                "generation": generation_id,
                "conversation": conversation_id,
                "owner": self.owner,
                "expires": now + self._ttl,
                "message": message.id,
                "now": now,
            },
        )
        if claimed is None:
            await ctx.rollback()
            return None
        ctx.record_item(ItemView(item=message, author_name=None))
        await ctx.commit()
        return Claim(
            generation_id=generation_id,
            conversation_id=conversation_id,
            message_item_id=message.id,
            message_position=message.position,
        )

    async def start(
        self,
        ctx: LogContext,
        *,
        conversation_id: str,
        generation_id: str,
        reply_to_item_id: str,
        requested_by: str,
    ) -> Claim | None:
        """Starts a new generation answering ``reply_to_item_id`` at once, in the caller's
        transaction, which appended that message (so it holds the conversation's row, and
        the check below holds until it commits): appends the assistant's message and adds
        the generation ``running`` under this instance's lease. None when the conversation
        has a generation queued or running: the new one must wait its turn."""
        session, now = ctx.session, ctx.now()
        if await session.scalar(_PENDING, {"conversation": conversation_id}):
            return None
        draft = ItemDraft(
            type="message", status="streaming", role="assistant", generation_id=generation_id
        )
        message = await ctx.log.append(conversation_id, draft)
        await session.execute(
            _INSERT_GENERATION,
            {
                "id": generation_id,
                "conversation_id": conversation_id,
                "status": "running",
                "reply_to_item_id": reply_to_item_id,
                "requested_by": requested_by,
                "lease_owner": self.owner,
                "lease_expires_at": now + self._ttl,
                "message_item_id": message.id,
                "created_at": now,
                "updated_at": now,
            },
        )
        ctx.record_item(ItemView(item=message, author_name=None))
        return Claim(
            generation_id=generation_id,
            conversation_id=conversation_id,
            message_item_id=message.id,
            message_position=message.position,
        )

    async def fence(self, session: AsyncSession, generation_id: str, now: datetime) -> bool:
        """Renews the lease within the caller's transaction, or raises ``LeaseLost``.
        Returns whether the generation was asked to stop."""
        held = {"generation": generation_id, "owner": self.owner, "expires": now + self._ttl}
        row = (await session.execute(_FENCE, held)).one_or_none()
        if row is None:
            raise LeaseLost(generation_id)
        return row.stop_requested_at is not None

    async def renew(
        self, session: AsyncSession, generation_ids: Collection[str], now: datetime
    ) -> dict[str, bool]:
        """Renews the leases of these generations (those this instance is running: a
        generation whose task died is left to expire); maps each one still held to whether
        it was asked to stop."""
        rows = await session.execute(
            update(Generation)
            .where(
                Generation.id.in_(generation_ids),
                Generation.lease_owner == self.owner,
                Generation.status == "running",
            )
            .values(lease_expires_at=now + self._ttl)
            .returning(Generation.id, Generation.stop_requested_at)
            .execution_options(synchronize_session=False)
        )
        return {row.id: row.stop_requested_at is not None for row in rows}

    async def end(
        self, session: AsyncSession, generation_id: str, status: GenerationStatus, now: datetime
    ) -> None:
        """Ends a generation this instance holds, or raises ``LeaseLost``."""
        held = {"generation": generation_id, "owner": self.owner, "ending": status, "now": now}
        if await session.scalar(_END, held) is None:
            raise LeaseLost(generation_id)

    async def expired(self, session: AsyncSession, now: datetime) -> list[str]:
        rows = await session.scalars(
            select(Generation.id).where(
                Generation.status == "running", Generation.lease_expires_at < now
            )
        )
        return list(rows)

    async def held(self, session: AsyncSession) -> list[str]:
        rows = await session.scalars(
            select(Generation.id).where(
                Generation.status == "running", Generation.lease_owner == self.owner
            )
        )
        return list(rows)

    async def interrupt(
        self, session: AsyncSession, generation_id: str, now: datetime, *, only_expired: bool
    ) -> bool:
        """Ends a running generation as ``interrupted``: one whose lease expired (the
        reaper), or one this instance holds (shutdown). False when it is not such a one
        any more (its owner renewed or ended it meanwhile)."""
        condition = (
            Generation.lease_expires_at < now
            if only_expired
            else Generation.lease_owner == self.owner
        )
        ended = await session.scalar(
            update(Generation)
            .where(Generation.id == generation_id, Generation.status == "running", condition)
            .values(status="interrupted", lease_expires_at=None, updated_at=now)
            .returning(Generation.id)
            .execution_options(synchronize_session=False)
        )
        return ended is not None
