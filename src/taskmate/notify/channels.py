"""A user's channels: push subscriptions and Apprise URLs added, listed, removed, turned
back on. Every lookup is scoped by the user: another user's channel is not found."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from urllib.parse import urlsplit

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from taskmate.auth.models import User
from taskmate.auth.personal_tokens import hash_secret
from taskmate.errors import Conflict, NotFound
from taskmate.notify.models import ChannelKind, NotifyChannel
from taskmate.notify.sending import ChannelAddress

MAX_PER_KIND = 20
NOT_FOUND = {
    "push": "There is no such browser subscription; it may have been removed already.",
    "apprise": "There is no such notification URL; it may have been removed already.",
}
TOO_MANY = {
    "push": f"You already have {MAX_PER_KIND} browsers with notifications; remove one first.",
    "apprise": f"You already have {MAX_PER_KIND} notification URLs; remove one first.",
}


def address_of(channel: NotifyChannel) -> ChannelAddress:
    return ChannelAddress(
        id=channel.id,
        user_id=channel.user_id,
        kind=channel.kind,
        label=channel.label,
        address=channel.address,
        p256dh=channel.p256dh,
        auth=channel.auth,
    )


def push_label(endpoint: str) -> str:
    """People tell browsers apart by their push service (``fcm.googleapis.com``: Chrome)."""
    return f"Browser · {urlsplit(endpoint).hostname}"


class Channels:
    def __init__(self, session: AsyncSession, *, clock: Callable[[], datetime]) -> None:
        self._db = session
        self._clock = clock

    async def listing(self, user: User, kind: ChannelKind) -> list[NotifyChannel]:
        query = (
            select(NotifyChannel)
            .where(NotifyChannel.user_id == user.id, NotifyChannel.kind == kind)
            .order_by(NotifyChannel.created_at, NotifyChannel.id)
        )
        return list(await self._db.scalars(query))

    async def owned(self, user: User, kind: ChannelKind, channel_id: str) -> NotifyChannel:
        channel = await self._db.get(NotifyChannel, channel_id) if len(channel_id) <= 36 else None
        if channel is None or channel.user_id != user.id or channel.kind != kind:
            raise NotFound(NOT_FOUND[kind])
        return channel

    async def subscribe_push(
        self, user: User, *, endpoint: str, p256dh: str, auth: str
    ) -> tuple[NotifyChannel, bool]:
        """Adds the browser's subscription (``True``: it is new), or renews it (new keys,
        turned on again). An endpoint is one browser profile: if another account had it,
        that account's reminders would show to whoever uses the browser now, so it moves to
        this one."""
        address_hash = hash_secret(endpoint)
        await self._db.execute(
            delete(NotifyChannel).where(
                NotifyChannel.address_hash == address_hash,
                NotifyChannel.kind == "push",
                NotifyChannel.user_id != user.id,
            )
        )
        channel = await self._find(user, address_hash)
        created = channel is None
        if channel is None:
            channel = await self._new(user, "push", endpoint, push_label(endpoint))
        channel.p256dh, channel.auth = p256dh, auth
        self.enable(channel)
        await self._db.commit()
        return channel, created

    async def add_url(self, user: User, *, url: str, label: str) -> NotifyChannel:
        if await self._find(user, hash_secret(url)) is not None:
            raise Conflict("You have added this notification URL already.")
        channel = await self._new(user, "apprise", url, label)
        await self._db.commit()
        return channel

    async def remove(self, user: User, kind: ChannelKind, channel_id: str) -> None:
        await self._db.delete(await self.owned(user, kind, channel_id))
        await self._db.commit()

    def enable(self, channel: NotifyChannel) -> None:
        channel.disabled_at = None
        channel.disabled_reason = None

    async def _find(self, user: User, address_hash: str) -> NotifyChannel | None:
        query = select(NotifyChannel).where(
            NotifyChannel.user_id == user.id, NotifyChannel.address_hash == address_hash
        )
        return (await self._db.scalars(query)).first()

    async def _new(self, user: User, kind: ChannelKind, address: str, label: str) -> NotifyChannel:
        count = await self._db.scalar(
            select(func.count())
            .select_from(NotifyChannel)
            .where(NotifyChannel.user_id == user.id, NotifyChannel.kind == kind)
        )
        if (count or 0) >= MAX_PER_KIND:
            raise Conflict(TOO_MANY[kind])
        channel = NotifyChannel(
            user_id=user.id,
            kind=kind,
            address=address,
            address_hash=hash_secret(address),
            label=label,
            created_at=self._clock(),
        )
        self._db.add(channel)
        await self._db.flush()
        return channel
