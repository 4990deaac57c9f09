"""What the chat services return: plain values every transport can render (REST bodies,
WebSocket frames, SSE events) without touching the database again."""

from __future__ import annotations

from dataclasses import dataclass

from taskmate.chat.models import Conversation, Item


@dataclass(frozen=True, kw_only=True, slots=True)
class ParticipantView:
    user_id: str
    name: str
    role: str


@dataclass(frozen=True, kw_only=True, slots=True)
class ConversationView:
    conversation: Conversation
    participants: list[ParticipantView]


@dataclass(frozen=True, kw_only=True, slots=True)
class ConversationSummary:
    """A conversation as the list shows it, with the caller's reading state."""

    view: ConversationView
    message_count: int
    last_message_preview: str | None
    last_read_seq: int
    unread_count: int


@dataclass(frozen=True, kw_only=True, slots=True)
class ConversationPage:
    items: list[ConversationSummary]
    next_cursor: str | None


@dataclass(frozen=True, kw_only=True, slots=True)
class ItemView:
    item: Item
    author_name: str | None  # None when the item has no author (assistant, deleted account)


@dataclass(frozen=True, kw_only=True, slots=True)
class ItemPage:
    items: list[ItemView]
    last_seq: int
    has_more: bool


@dataclass(frozen=True, kw_only=True, slots=True)
class SentMessage:
    """The outcome of sending: ``created`` is False when the ``client_id`` was seen before
    and the stored message came back (REST answers 200 instead of 201)."""

    item: ItemView
    generation_id: str | None
    created: bool
