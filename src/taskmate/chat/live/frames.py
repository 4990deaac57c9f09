"""The server's frames, as the WebSocket sends them (SSE sends the same payloads)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import structlog

from taskmate.errors import (
    DATABASE_UNAVAILABLE,
    INTERNAL_ERROR,
    AppError,
    Unavailable,
    is_connection_failure,
)
from taskmate.events import DomainEvent

logger = structlog.get_logger(__name__)

Frame = dict[str, Any]

UNAUTHORIZED = 4401
FORBIDDEN = 4403  # a personal access token without the chat scope
AUTH_TIMEOUT = 4408
TOO_SLOW = 4409
TOO_MANY_CONNECTIONS = 4429
SERVER_ERROR = 1011
SERVER_RESTARTING = 1012


SESSION_ENDED = "This session has ended; sign in again."
RESTARTING = "The server is restarting; reconnect and resume from your seq."


@dataclass(frozen=True, slots=True)
class Close:
    """The connection must end, with this WebSocket close code (and a reason for people)."""

    code: int
    reason: str = ""


def to_json(frame: Frame) -> str:
    return json.dumps(frame, separators=(",", ":"), ensure_ascii=False)


def ready_frame(connection_id: str, user_id: str) -> Frame:
    return {"type": "ready", "connection_id": connection_id, "user_id": user_id}


def item_frame(conversation_id: str, item: dict[str, Any]) -> Frame:
    return {"type": "item", "conversation_id": conversation_id, "item": item}


def subscribed_frame(conversation_id: str, last_seq: int) -> Frame:
    return {"type": "subscribed", "conversation_id": conversation_id, "last_seq": last_seq}


def receipt_frame(conversation_id: str, payload: dict[str, Any]) -> Frame:
    return {
        "type": "receipt",
        "conversation_id": conversation_id,
        "user_id": payload["user_id"],
        "seq": payload["seq"],
    }


def presence_frame(conversation_id: str, online: list[str]) -> Frame:
    return {"type": "presence", "conversation_id": conversation_id, "online": online}


def typing_frame(conversation_id: str, *, user_id: str, name: str, active: bool) -> Frame:
    return {
        "type": "typing",
        "conversation_id": conversation_id,
        "user_id": user_id,
        "name": name,
        "active": active,
    }


def user_frame(event: DomainEvent) -> Frame:
    """``task``, ``project`` and ``conversation`` frames: the changed object, with what
    happened to it as ``event``; a ``reminder`` frame carries its payload's fields, and a
    ``notifications`` frame its ``event`` and the payload's fields (``ids``, ``read_at``)."""
    if event.kind == "reminder":
        return {"type": "reminder", **event.payload}
    if event.kind == "notifications":
        return {"type": "notifications", "event": event.action, **event.payload}
    return {"type": event.kind, "event": event.action, event.kind: event.payload}


def error_frame(error: AppError, ref: str | None = None) -> Frame:
    frame: Frame = {"type": "error", "code": error.code, "message": error.message}
    if ref is not None:
        frame["ref"] = ref
    if error.details is not None:
        frame["details"] = error.details
    return frame


def failure_frame(exc: Exception, ref: str | None = None) -> Frame:
    """The ``error`` frame for any failure of a client's frame: ``AppError``s as they are;
    database outages and bugs are logged, and the client only learns that they happened."""
    if isinstance(exc, AppError):
        return error_frame(exc, ref)
    if is_connection_failure(exc):
        logger.error("database_unavailable", error=type(exc).__name__)
        return error_frame(Unavailable(DATABASE_UNAVAILABLE), ref)
    logger.error("frame_failed", exc_info=exc)
    return error_frame(AppError(INTERNAL_ERROR), ref)
