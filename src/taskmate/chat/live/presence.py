"""Presence (who has a conversation open, on any instance) and the per-user connection
limit, both kept in the broker's roster."""

from __future__ import annotations

from taskmate.broker import Broker
from taskmate.chat.live.frames import Frame, presence_frame
from taskmate.errors import RateLimited

RETRY_AFTER_SECONDS = 5


class TooManyConnections(RateLimited):
    def __init__(self, limit: int) -> None:
        super().__init__(
            f"You already have {limit} live connections open, the most allowed; close one "
            "(another tab or device) and try again.",
            retry_after=RETRY_AFTER_SECONDS,
        )


class Presence:
    """Who has each conversation open. Everyone following it hears when a user comes online
    or goes offline; another tab of someone already there changes nothing for the others."""

    def __init__(self, broker: Broker) -> None:
        self._broker = broker

    async def join(self, conversation_id: str, user_id: str, connection_id: str) -> Frame | None:
        """Adds the connection. Returns the presence frame when only this connection needs
        it (the user was already online), else announces it to everyone and returns None."""
        entries = await self._broker.roster.add(
            _group(conversation_id), _entry(user_id, connection_id)
        )
        frame = presence_frame(conversation_id, _online(entries))
        if _count(entries, user_id) > 1:
            return frame
        await self._broker.publish_transient(conversation_id, frame)
        return None

    async def leave(self, conversation_id: str, user_id: str, connection_id: str) -> None:
        entries = await self._broker.roster.remove(
            _group(conversation_id), _entry(user_id, connection_id)
        )
        if _count(entries, user_id) == 0:
            frame = presence_frame(conversation_id, _online(entries))
            await self._broker.publish_transient(conversation_id, frame)


class ConnectionSlots:
    """Live connections (sockets and event streams) per user, counted on every instance."""

    def __init__(self, broker: Broker, limit: int) -> None:
        self._broker = broker
        self._limit = limit

    async def take(self, user_id: str, connection_id: str) -> None:
        """Raises ``TooManyConnections`` when the user already has the most allowed."""
        roster = self._broker.roster
        if len(await roster.add(_slots(user_id), connection_id)) > self._limit:
            await roster.remove(_slots(user_id), connection_id)
            raise TooManyConnections(self._limit)

    async def give_back(self, user_id: str, connection_id: str) -> None:
        await self._broker.roster.remove(_slots(user_id), connection_id)


def _group(conversation_id: str) -> str:
    return f"presence:{conversation_id}"


def _entry(user_id: str, connection_id: str) -> str:
    return f"{user_id} {connection_id}"


def _online(entries: list[str]) -> list[str]:
    return sorted({entry.partition(" ")[0] for entry in entries})


def _count(entries: list[str], user_id: str) -> int:
    return sum(entry.partition(" ")[0] == user_id for entry in entries)


def _slots(user_id: str) -> str:
    return f"connections:{user_id}"
