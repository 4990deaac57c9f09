"""The one way to render conversations and items as JSON, for responses and events alike.

Type-specific fields of an item live in ``Item.data``:

- ``step``: ``label``
- ``tool_call``: ``name``, ``arguments``, ``result``, ``duration_ms``, ``undo_until``,
  ``undone_at`` (timestamps stored as text, see ``item_data``)
- ``choice``: ``text``, ``options`` ([{id, label, style}]), ``chosen``, ``for_user_id``
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field

from taskmate.api.types import Timestamp, format_timestamp
from taskmate.chat.markdown import render_markdown
from taskmate.chat.views import ConversationSummary, ConversationView, ItemView, ParticipantView


class ParticipantOut(BaseModel):
    user_id: str
    name: str
    role: Literal["owner", "member"]


class ConversationOut(BaseModel):
    id: str
    title: str | None
    kind: str
    status: Literal["active", "finalized"]
    assistant: Literal["always", "mention", "off"]
    participants: list[ParticipantOut]
    last_seq: int
    created_at: Timestamp
    updated_at: Timestamp
    finalized_at: Timestamp | None


class ConversationSummaryOut(ConversationOut):
    message_count: int
    last_message_preview: str | None
    last_read_seq: int
    unread_count: int


class AuthorOut(BaseModel):
    user_id: str
    name: str


class _ItemFields(BaseModel):
    id: str
    conversation_id: str
    type: str
    status: str
    seq: int
    position: int
    created_at: Timestamp
    updated_at: Timestamp


class MessageOut(_ItemFields):
    type: Literal["message"] = "message"
    role: Literal["user", "assistant", "system"]
    author: AuthorOut | None
    content: str
    html: str | None = Field(description="sanitized HTML; null until the message is complete")
    client_id: str | None


class StepOut(_ItemFields):
    type: Literal["step"] = "step"
    label: str


class ToolCallOut(_ItemFields):
    type: Literal["tool_call"] = "tool_call"
    name: str
    arguments: dict[str, Any]
    result: Any
    duration_ms: int | None
    undo_until: Timestamp | None
    undone_at: Timestamp | None


class ChoiceOption(BaseModel):
    id: str
    label: str
    style: Literal["primary", "danger", "default"] = "default"


class ChoiceOut(_ItemFields):
    type: Literal["choice"] = "choice"
    text: str
    options: list[ChoiceOption]
    chosen: str | None
    for_user_id: str | None


AnyItemOut = MessageOut | StepOut | ToolCallOut | ChoiceOut
ItemOut = Annotated[AnyItemOut, Field(discriminator="type")]


def participant_out(participant: ParticipantView) -> ParticipantOut:
    return ParticipantOut.model_validate(
        {"user_id": participant.user_id, "name": participant.name, "role": participant.role}
    )


def _conversation_fields(view: ConversationView) -> dict[str, Any]:
    conversation = view.conversation
    return {
        "id": conversation.id,
        "title": conversation.title,
        "kind": conversation.kind,
        "status": conversation.status,
        "assistant": conversation.assistant,
        "participants": [participant_out(participant) for participant in view.participants],
        "last_seq": conversation.last_seq,
        "created_at": conversation.created_at,
        "updated_at": conversation.updated_at,
        "finalized_at": conversation.finalized_at,
    }


def conversation_out(view: ConversationView) -> ConversationOut:
    return ConversationOut.model_validate(_conversation_fields(view))


def conversation_json(view: ConversationView) -> dict[str, Any]:
    return conversation_out(view).model_dump(mode="json")


def conversation_summary_out(summary: ConversationSummary) -> ConversationSummaryOut:
    return ConversationSummaryOut.model_validate(
        {
            **_conversation_fields(summary.view),
            "message_count": summary.message_count,
            "last_message_preview": summary.last_message_preview,
            "last_read_seq": summary.last_read_seq,
            "unread_count": summary.unread_count,
        }
    )


def _type_fields(view: ItemView) -> dict[str, Any]:
    item, data = view.item, view.item.data
    if item.type == "message":
        author = None
        if item.author_id is not None:
            author = {"user_id": item.author_id, "name": view.author_name or ""}
        return {
            "role": item.role,
            "author": author,
            "content": item.content,
            "html": render_markdown(item.content) if item.status == "completed" else None,
            "client_id": item.client_id,
        }
    if item.type == "step":
        return {"label": data.get("label", "")}
    if item.type == "tool_call":
        return {
            "name": data.get("name", ""),
            "arguments": data.get("arguments", {}),
            "result": data.get("result"),
            "duration_ms": data.get("duration_ms"),
            "undo_until": data.get("undo_until"),
            "undone_at": data.get("undone_at"),
        }
    return {
        "text": data.get("text", ""),
        "options": [
            {"id": option["id"], "label": option["label"], "style": option.get("style", "default")}
            for option in data.get("options", [])
        ],
        "chosen": data.get("chosen"),
        "for_user_id": data.get("for_user_id"),
    }


_ITEM_MODELS: dict[str, type[AnyItemOut]] = {
    "message": MessageOut,
    "step": StepOut,
    "tool_call": ToolCallOut,
    "choice": ChoiceOut,
}


def item_out(view: ItemView) -> AnyItemOut:
    item = view.item
    return _ITEM_MODELS[item.type].model_validate(
        {
            "id": item.id,
            "conversation_id": item.conversation_id,
            "status": item.status,
            "seq": item.seq,
            "position": item.position,
            "created_at": item.created_at,
            "updated_at": item.updated_at,
            **_type_fields(view),
        }
    )


def item_json(view: ItemView) -> dict[str, Any]:
    """What ``item_out(view).model_dump(mode="json")`` gives, built directly: the live
    transports render every item they send, and validating and dumping the model took half
    of a 500-item resume. The stored fields already have their JSON types (``data`` keeps
    timestamps as the text ``format_timestamp`` makes)."""
    item = view.item
    return {
        "id": item.id,
        "conversation_id": item.conversation_id,
        "type": item.type,
        "status": item.status,
        "seq": item.seq,
        "position": item.position,
        "created_at": format_timestamp(item.created_at),
        "updated_at": format_timestamp(item.updated_at),
        **_type_fields(view),
    }
