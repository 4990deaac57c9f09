"""The server's resources as typed values (protocol version 1). Unknown fields are ignored,
so a newer server does not break an older client."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict


class Model(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class User(Model):
    id: str
    email: str
    name: str
    timezone: str


class SignedIn(Model):
    user: User
    access_token: str
    refresh_token: str
    expires_in: int


class Due(Model):
    date: date
    time: str | None = None
    text: str | None = None


class Recurrence(Model):
    rrule: str
    text: str


class Task(Model):
    id: int
    title: str
    description: str = ""
    project_id: int | None = None
    parent_id: int | None = None
    labels: list[str] = []
    priority: int = 0
    position: int
    """Order within the task's list (its project, or the inbox), then by id."""
    due: Due | None = None
    recurrence: Recurrence | None = None
    completed_at: datetime | None = None
    deleted_at: datetime | None = None
    created_at: datetime
    updated_at: datetime


class TaskPage(Model):
    items: list[Task]
    next_cursor: str | None = None


class Project(Model):
    id: int
    name: str
    color: str | None = None
    archived: bool = False
    created_at: datetime


class Participant(Model):
    user_id: str
    name: str
    role: str


class Conversation(Model):
    id: str
    title: str | None = None
    kind: str = "assistant"
    status: str = "active"
    assistant: str = "always"
    participants: list[Participant] = []
    last_seq: int = 0
    created_at: datetime
    updated_at: datetime
    finalized_at: datetime | None = None
    # in the list only
    message_count: int | None = None
    last_message_preview: str | None = None
    unread_count: int | None = None


class ConversationPage(Model):
    items: list[Conversation]
    next_cursor: str | None = None


class Author(Model):
    user_id: str
    name: str


class Option(Model):
    id: str
    label: str
    style: str = "default"


class Item(Model):
    """One entry of a conversation's log; the fields of its ``type`` are set, the others
    keep their defaults."""

    id: str
    conversation_id: str
    type: str  # message, step, tool_call, choice
    status: str
    seq: int
    position: int
    created_at: datetime
    updated_at: datetime
    # message
    role: str | None = None
    author: Author | None = None
    content: str = ""
    html: str | None = None
    client_id: str | None = None
    # step
    label: str | None = None
    # tool_call
    name: str | None = None
    arguments: dict[str, Any] | None = None
    result: Any = None
    duration_ms: int | None = None
    undo_until: datetime | None = None
    undone_at: datetime | None = None
    # choice
    text: str | None = None
    options: list[Option] = []
    chosen: str | None = None
    for_user_id: str | None = None


class ItemPage(Model):
    items: list[Item]
    last_seq: int
    has_more: bool


class Sent(Model):
    item: Item
    generation_id: str | None = None
