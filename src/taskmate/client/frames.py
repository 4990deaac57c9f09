"""The live socket's server frames as typed events, and the events the client adds about
its own connection (``Reconnecting``, ``Resumed``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from taskmate.client.errors import TaskmateError
from taskmate.client.models import Item

Json = dict[str, Any]


@dataclass(frozen=True, kw_only=True)
class Ready:
    connection_id: str
    user_id: str


@dataclass(frozen=True, kw_only=True)
class Subscribed:
    conversation_id: str
    last_seq: int


@dataclass(frozen=True, kw_only=True)
class ItemChanged:
    """An ``item`` frame, with the item as the transcript now holds it."""

    conversation_id: str
    item: Item


@dataclass(frozen=True, kw_only=True)
class Delta:
    """A ``delta`` frame, with the streaming message as the transcript now holds it."""

    conversation_id: str
    item_id: str
    offset: int
    text: str
    item: Item | None = None


@dataclass(frozen=True, kw_only=True)
class Ack:
    client_id: str
    item_id: str
    seq: int
    generation_id: str | None


@dataclass(frozen=True, kw_only=True)
class Refused:
    """An ``error`` frame: a frame failed, the connection stays open."""

    error: TaskmateError


@dataclass(frozen=True, kw_only=True)
class Other:
    """Any other frame (``typing``, ``presence``, ``receipt``, ``conversation``, ``task``,
    ``project``, ``pong``), as sent."""

    type: str
    frame: Json


@dataclass(frozen=True, kw_only=True)
class Reconnecting:
    """The socket closed (``code``, None when it never opened); the client reconnects."""

    code: int | None
    reason: str


@dataclass(frozen=True, kw_only=True)
class Resumed:
    """Connected again: subscriptions replayed from their last ``seq``, the outbox resent."""

    ready: Ready


Event = Ready | Subscribed | ItemChanged | Delta | Ack | Refused | Other | Reconnecting | Resumed


def parse(frame: Json) -> Event:
    """A server frame as its event (``item`` and ``delta`` before the transcript's merge)."""
    kind = frame.get("type")
    if kind == "ready":
        return Ready(connection_id=frame["connection_id"], user_id=frame["user_id"])
    if kind == "subscribed":
        return Subscribed(conversation_id=frame["conversation_id"], last_seq=frame["last_seq"])
    if kind == "item":
        item = Item.model_validate(frame["item"])
        return ItemChanged(conversation_id=frame["conversation_id"], item=item)
    if kind == "delta":
        return Delta(
            conversation_id=frame["conversation_id"],
            item_id=frame["item_id"],
            offset=frame["offset"],
            text=frame["text"],
        )
    if kind == "ack":
        return Ack(
            client_id=frame["client_id"],
            item_id=frame["item_id"],
            seq=frame["seq"],
            generation_id=frame.get("generation_id"),
        )
    if kind == "error":
        error = TaskmateError(
            frame.get("code", "error"),
            frame.get("message", ""),
            details=frame.get("details"),
            ref=frame.get("ref"),
        )
        return Refused(error=error)
    return Other(type=str(kind), frame=frame)
