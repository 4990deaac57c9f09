"""The frames a client sends, read by the bounded JSON reader (malformed or nested too deep:
``BadRequest``; over 256 KiB: ``PayloadTooLarge``) and validated (unknown types and bad
fields: ``ValidationFailed``). Each becomes an ``error`` frame; the connection stays open."""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, StrictBool, TypeAdapter
from pydantic import ValidationError as PydanticValidationError

from taskmate.api.json_input import FRAME, read_json
from taskmate.api.text import Text
from taskmate.chat.schemas import Content, Counter, Option
from taskmate.errors import ValidationFailed

Id = Annotated[str, Text(max_length=100)]  # checked by the services (else 404)


class _Frame(BaseModel):
    model_config = ConfigDict(extra="forbid")


class AuthFrame(_Frame):
    type: Literal["auth"]
    token: Annotated[str, Text(max_length=4096)]


class PingFrame(_Frame):
    type: Literal["ping"]


class SubscribeFrame(_Frame):
    type: Literal["subscribe"]
    conversation_id: Id
    after_seq: Counter | None = None


class UnsubscribeFrame(_Frame):
    type: Literal["unsubscribe"]
    conversation_id: Id


class SendFrame(_Frame):
    type: Literal["send"]
    conversation_id: Id
    client_id: UUID
    content: Content


class TypingFrame(_Frame):
    type: Literal["typing"]
    conversation_id: Id
    active: StrictBool


class ReadFrame(_Frame):
    type: Literal["read"]
    conversation_id: Id
    seq: Counter


class StopFrame(_Frame):
    type: Literal["stop"]
    conversation_id: Id


class ChooseFrame(_Frame):
    type: Literal["choose"]
    conversation_id: Id
    item_id: Id
    option: Option


class UndoFrame(_Frame):
    type: Literal["undo"]
    conversation_id: Id
    item_id: Id


ClientFrame = (
    AuthFrame
    | PingFrame
    | SubscribeFrame
    | UnsubscribeFrame
    | SendFrame
    | TypingFrame
    | ReadFrame
    | StopFrame
    | ChooseFrame
    | UndoFrame
)
_REFERENCE: TypeAdapter[str] = TypeAdapter(Id)
_FRAMES: TypeAdapter[ClientFrame] = TypeAdapter(Annotated[ClientFrame, Field(discriminator="type")])
FRAME_TYPES = (
    "auth",
    "ping",
    "subscribe",
    "unsubscribe",
    "send",
    "typing",
    "read",
    "stop",
    "choose",
    "undo",
)


def read_frame(text: str) -> dict[str, Any]:
    """The frame as a JSON object; raises ``AppError``s."""
    raw = read_json(text, FRAME)
    if not isinstance(raw, dict):
        raise ValidationFailed('A frame is a JSON object with a "type", such as {"type": "ping"}.')
    return raw


def parse_frame(raw: dict[str, Any]) -> ClientFrame:
    kind = raw.get("type")
    if kind not in FRAME_TYPES:
        raise ValidationFailed.field(
            "type", f"is {json.dumps(kind)}; expected one of {', '.join(FRAME_TYPES)}"
        )
    try:
        return _FRAMES.validate_python(raw)
    except PydanticValidationError as exc:
        fields = [
            {"field": ".".join(str(part) for part in error["loc"][1:]), "message": error["msg"]}
            for error in exc.errors()
        ]
        summary = "; ".join(f"{field['field']}: {field['message']}" for field in fields[:3])
        raise ValidationFailed(
            f"The {kind} frame is not valid ({summary}).", details={"fields": fields}
        ) from None


def reference(raw: dict[str, Any]) -> str | None:
    """What an error about this frame refers to: its ``client_id``, else its ``item_id``,
    else its ``conversation_id``; none that is not text (it is sent back)."""
    for key in ("client_id", "item_id", "conversation_id"):
        value = raw.get(key)
        if isinstance(value, str):
            try:
                return _REFERENCE.validate_python(value)
            except PydanticValidationError:
                return None
    return None
