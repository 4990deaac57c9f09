"""Conversations, their participants, the item log, and the generations that answer messages."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from taskmate.db.base import Base, new_id, utcnow

ConversationStatus = Literal["active", "finalized"]
AssistantMode = Literal["always", "mention", "off"]
ParticipantRole = Literal["owner", "member"]
ItemType = Literal["message", "step", "tool_call", "choice"]
GenerationStatus = Literal["queued", "running", "completed", "stopped", "interrupted", "failed"]
PENDING_GENERATION_STATUSES: tuple[GenerationStatus, ...] = ("queued", "running")

MAX_TITLE = 200
MAX_KIND = 50
MAX_SUBJECT = 100


class Conversation(Base):
    """``last_seq`` and ``last_position`` are the counters of the item log: ``chat.log``
    increments them with ``UPDATE ... RETURNING``, which also serialises the writers of one
    conversation, so commit order equals ``seq`` order."""

    __tablename__ = "conversations"
    __table_args__ = (Index(None, "owner_id"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    title: Mapped[str | None] = mapped_column(String(MAX_TITLE))
    kind: Mapped[str] = mapped_column(String(MAX_KIND), default="assistant")
    status: Mapped[str] = mapped_column(String(20), default="active")
    assistant: Mapped[str] = mapped_column(String(20), default="always")
    owner_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    last_seq: Mapped[int] = mapped_column(Integer, default=0)
    last_position: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    finalized_at: Mapped[datetime | None]
    deleted_at: Mapped[datetime | None]


class Participant(Base):
    """Who takes part, and how far they have read. Leaving deletes the row."""

    __tablename__ = "participants"
    __table_args__ = (Index(None, "user_id"),)

    conversation_id: Mapped[str] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[str] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(20))
    last_read_seq: Mapped[int] = mapped_column(Integer, default=0)
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)


class Item(Base):
    """One entry of a conversation's log. ``seq`` is the conversation's counter at the item's
    latest change; ``position`` is fixed at creation. Fields that only some types have live
    in ``data`` (see ``chat.schemas`` for each type's shape).

    ``generation_id`` is the generation the item belongs to: the one that produced an
    assistant's item, or the one a user message queued when it was sent. It has no foreign
    key, which keeps items and generations free of a reference cycle; both go when their
    conversation goes.

    The conversation list searches ``content`` with ``LIKE``: no index serves a substring
    search on both databases, so the search is bounded by the user's own conversations.
    """

    __tablename__ = "items"
    __table_args__ = (
        Index(None, "conversation_id", "seq", unique=True),  # also the change feed's index
        Index(None, "conversation_id", "position", unique=True),
        Index(
            None,
            "conversation_id",
            "author_id",
            "client_id",
            unique=True,
            sqlite_where=text("client_id IS NOT NULL"),
            postgresql_where=text("client_id IS NOT NULL"),
        ),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    conversation_id: Mapped[str] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    type: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    seq: Mapped[int] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer)
    role: Mapped[str | None] = mapped_column(String(20))
    # Accounts are deleted with their data, but their messages in other people's
    # conversations stay, without an author.
    author_id: Mapped[str | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    content: Mapped[str] = mapped_column(Text, default="")
    client_id: Mapped[str | None] = mapped_column(String(36))
    generation_id: Mapped[str | None] = mapped_column(String(36))
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class ItemSubject(Base):
    """Something a tool call touched, named by the application that owns the tool ("task:12"
    for Taskmate): the index behind "the calls that changed this". The engine stores the names
    as they come and never reads into them."""

    __tablename__ = "item_subjects"
    __table_args__ = (Index(None, "item_id"),)

    subject: Mapped[str] = mapped_column(String(MAX_SUBJECT), primary_key=True)
    item_id: Mapped[str] = mapped_column(
        ForeignKey("items.id", ondelete="CASCADE"), primary_key=True
    )


class Generation(Base):
    """One run of the assistant answering a message. ``stop_requested_at`` is the durable
    stop command: whoever runs the generation checks it, wherever the request came from.
    ``lease_owner`` and ``lease_expires_at`` say which runner instance runs it, and until
    when without a heartbeat (``chat.runner_lease``)."""

    __tablename__ = "generations"
    __table_args__ = (
        Index(None, "conversation_id", "status"),
        # The runners' polls: queued ones to start, running ones whose lease expired.
        Index(None, "status", "lease_expires_at"),
        Index(None, "reply_to_item_id"),
        Index(None, "message_item_id"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    conversation_id: Mapped[str] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(20), default="queued")
    reply_to_item_id: Mapped[str] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"))
    message_item_id: Mapped[str | None] = mapped_column(ForeignKey("items.id", ondelete="SET NULL"))
    requested_by: Mapped[str | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    stop_requested_at: Mapped[datetime | None]
    lease_owner: Mapped[str | None] = mapped_column(String(100))
    lease_expires_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
