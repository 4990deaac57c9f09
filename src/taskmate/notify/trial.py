"""Sending a test message through one channel; a success turns the channel back on.

The send happens outside any database session (see ``deps.user_without_writing``)."""

from __future__ import annotations

from taskmate.api.runtime import Runtime
from taskmate.auth.models import User
from taskmate.db.base import new_id
from taskmate.notify.channels import Channels, address_of
from taskmate.notify.message import trial_message
from taskmate.notify.models import ChannelKind
from taskmate.notify.schemas import ChannelOut, TrialOut
from taskmate.notify.sending import DeliveryFailed
from taskmate.notify.wiring import Notify


async def send_trial(
    user: User, kind: ChannelKind, channel_id: str, *, runtime: Runtime, notify: Notify
) -> TrialOut:
    async with runtime.database.session() as session:
        channel = await Channels(session, clock=runtime.clock).owned(user, kind, channel_id)
    limiter = runtime.limiter
    await limiter.hit(limiter.login, "notify-test", user.id, "test messages")
    try:
        await notify.dispatcher.send_once(address_of(channel), trial_message(new_id()))
    except DeliveryFailed as failed:
        return TrialOut(delivered=False, reason=failed.reason, channel=ChannelOut.of(channel))
    async with runtime.database.session(write=True) as session:
        channels = Channels(session, clock=runtime.clock)
        channel = await channels.owned(user, kind, channel_id)
        channels.enable(channel)
        await session.commit()
    return TrialOut(delivered=True, reason=None, channel=ChannelOut.of(channel))
