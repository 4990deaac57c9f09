"""Channel names: one per user (their own channel) and one per conversation."""

from __future__ import annotations

from taskmate.events import DomainEvent, Event, resync_event

USER = "user:"
CONVERSATION = "conversation:"


def user_channel(user_id: str) -> str:
    return USER + user_id


def conversation_channel(conversation_id: str) -> str:
    return CONVERSATION + conversation_id


def channel_of(event: Event) -> str:
    if isinstance(event, DomainEvent):
        return user_channel(event.user_id)
    return conversation_channel(event.conversation_id)


def resync_for(channel: str) -> Event:
    if channel.startswith(USER):
        return resync_event(user_id=channel.removeprefix(USER))
    return resync_event(conversation_id=channel.removeprefix(CONVERSATION))
