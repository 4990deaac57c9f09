"""What every channel's sender promises: deliver a message or say why not."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from taskmate.notify.message import Message
from taskmate.notify.models import ChannelKind


@dataclass(frozen=True, kw_only=True)
class ChannelAddress:
    """A channel as a sender needs it, read once and carried outside any session."""

    id: str
    user_id: str
    kind: ChannelKind
    label: str
    address: str
    p256dh: str | None = None
    auth: str | None = None


class DeliveryFailed(Exception):
    """``reason`` is for people (it becomes the note of a turned-off channel) and never
    holds the address. ``permanent``: trying again cannot help (a push subscription that
    ended), so the channel is turned off at once."""

    def __init__(self, reason: str, *, permanent: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.permanent = permanent


class Sender(Protocol):
    async def send(self, channel: ChannelAddress, message: Message) -> None:
        """Returns once the channel's service accepted the message; raises
        ``DeliveryFailed`` otherwise."""
