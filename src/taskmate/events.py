"""Events: the one interface through which every change leaves the service layer.

Services publish after their transaction commits. There are two kinds of channel:

- a user's own channel carries ``DomainEvent``s (tasks, projects, sessions, reminders that
  fired, notifications read, the conversations the user takes part in, and the activity of
  the tool calls their requests made);
- a conversation's channel carries ``ConversationEvent``s: durable changes (item changes with
  their ``seq``, read receipts, generation commands) and transient frames that are never
  stored (streaming deltas, typing, presence).

Either channel may also carry a ``resync`` event: the broker may have lost events (it
reconnected, or a subscriber fell behind), so whoever relies on them reads the database
again. The database stays the truth; the broker (``taskmate.broker``) delivers at most once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

EventKind = Literal[
    "task",
    "project",
    "session",
    "conversation",
    "reminder",
    "notifications",
    "activity",
    "resync",
]
EventAction = Literal["created", "updated", "deleted", "ended", "fired", "read"]
ConversationEventKind = Literal[
    "item", "receipt", "generation", "delta", "typing", "presence", "resync"
]
TRANSIENT_KINDS: frozenset[str] = frozenset({"delta", "typing", "presence"})


@dataclass(frozen=True, kw_only=True, slots=True)
class DomainEvent:
    """A change addressed to one user's own channel."""

    user_id: str
    kind: EventKind
    action: EventAction
    payload: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True, slots=True)
class ConversationEvent:
    """A change addressed to everyone following a conversation.

    ``item`` events carry the item as the API renders it and its ``seq``; ``receipt`` and
    ``generation`` events carry no ``seq`` (they are not part of the item log). Transient
    kinds (``delta``, ``typing``, ``presence``) carry the WebSocket frame as their payload.
    """

    conversation_id: str
    kind: ConversationEventKind
    payload: dict[str, Any] = field(default_factory=dict)
    seq: int | None = None


Event = DomainEvent | ConversationEvent


def resync_event(*, user_id: str | None = None, conversation_id: str | None = None) -> Event:
    """The event telling a channel's subscribers to read the database again."""
    if user_id is not None:
        return DomainEvent(user_id=user_id, kind="resync", action="updated")
    assert conversation_id is not None
    return ConversationEvent(conversation_id=conversation_id, kind="resync")


class EventPublisher(Protocol):
    async def publish(self, events: Sequence[Event]) -> None: ...
