"""Ending generations whose runner is gone: the reaper (expired leases, any instance) and
shutdown (this instance's leases, after its grace period)."""

from __future__ import annotations

from contextlib import suppress

import structlog
from sqlalchemy import select

from taskmate.chat.models import Generation
from taskmate.chat.runner_conclude import conclude
from taskmate.chat.runner_parts import RunnerParts

logger = structlog.get_logger(__name__)


class Reaper:
    def __init__(self, parts: RunnerParts) -> None:
        self._parts = parts

    async def reap_expired(self) -> int:
        """Interrupts every generation whose lease expired; returns how many."""
        async with self._parts.database.session() as session:
            expired = await self._parts.leases.expired(session, self._parts.clock())
        ended = [
            await self.interrupt(generation_id, only_expired=True) for generation_id in expired
        ]
        return sum(ended)

    async def interrupt_held(self) -> None:
        """Interrupts every generation this instance still holds (at shutdown)."""
        async with self._parts.database.session() as session:
            held = await self._parts.leases.held(session)
        for generation_id in held:
            await self.interrupt(generation_id, only_expired=False)

    async def interrupt(self, generation_id: str, *, only_expired: bool) -> bool:
        """Ends the generation as ``interrupted``; its message keeps the longer of its last
        checkpoint and the text so far in the stream store."""
        async with self._parts.database.session() as session:
            message_item_id = await session.scalar(
                select(Generation.message_item_id).where(Generation.id == generation_id)
            )
        if message_item_id is None:
            return False
        stored = None
        with suppress(Exception):
            stored = await self._parts.store.read(message_item_id)

        def content(checkpoint: str) -> str:
            if stored is not None and stored.startswith(checkpoint):
                return stored
            return checkpoint

        async with self._parts.transaction() as ctx:
            await conclude(
                ctx,
                generation_id=generation_id,
                message_item_id=message_item_id,
                outcome="interrupted",
                content=content,
            )
            leases = self._parts.leases
            if not await leases.interrupt(
                ctx.session, generation_id, ctx.now(), only_expired=only_expired
            ):
                await ctx.rollback()
                return False
            await ctx.commit()
        logger.warning("generation_interrupted", generation_id=generation_id)
        with suppress(Exception):
            await self._parts.store.discard(message_item_id)
        return True
