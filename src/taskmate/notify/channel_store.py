"""The channels as delivery sees them: each read and write in a short session of its own,
so a slow service never holds a database connection."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update

from taskmate.db.engine import Database
from taskmate.notify.channels import address_of
from taskmate.notify.models import NotifyChannel
from taskmate.notify.sending import ChannelAddress


class ChannelStore:
    def __init__(self, database: Database) -> None:
        self._database = database

    async def enabled_for(self, user_id: str) -> list[ChannelAddress]:
        query = select(NotifyChannel).where(
            NotifyChannel.user_id == user_id, NotifyChannel.disabled_at.is_(None)
        )
        async with self._database.session() as session:
            return [address_of(channel) for channel in await session.scalars(query)]

    async def is_enabled(self, channel_id: str) -> bool:
        """False once the channel was removed or turned off (by another delivery's failure)."""
        query = select(NotifyChannel.id).where(
            NotifyChannel.id == channel_id, NotifyChannel.disabled_at.is_(None)
        )
        async with self._database.session() as session:
            return await session.scalar(query) is not None

    async def disable(self, channel_id: str, *, reason: str, at: datetime) -> None:
        async with self._database.session(write=True) as session:
            await session.execute(
                update(NotifyChannel)
                .where(NotifyChannel.id == channel_id, NotifyChannel.disabled_at.is_(None))
                .values(disabled_at=at, disabled_reason=reason[:300])
            )
            await session.commit()
