"""Request bodies, queries and response envelopes of the chat endpoints. Item and
conversation bodies themselves are rendered by ``chat.render``.

Message content is deliberately a plain string here: ``MessageService`` checks its length
(413 over 10,000 characters, 422 when blank) so every transport refuses the same way.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, EmailStr, Field, StringConstraints, field_validator
from pydantic_core import PydanticCustomError

from taskmate.api.types import WithoutNul
from taskmate.chat.models import MAX_KIND, MAX_TITLE
from taskmate.chat.render import ConversationSummaryOut, ItemOut

MAX_COUNTER = 2**31 - 1  # seq and position are 32-bit integers on both databases

AssistantMode = Literal["always", "mention", "off"]
Title = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TITLE), WithoutNul
]
Kind = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_KIND), WithoutNul
]
Search = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200), WithoutNul]
Counter = Annotated[int, Field(ge=0, le=MAX_COUNTER)]
Limit = Annotated[int, Field(ge=1, le=200)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ConversationCreate(Strict):
    title: Title | None = None
    kind: Kind = "assistant"
    assistant: AssistantMode = "always"


class ConversationPatch(Strict):
    title: Title | None = None
    assistant: AssistantMode | None = None

    @field_validator("title", "assistant")
    @classmethod
    def _not_null(cls, value: Any) -> Any:
        """Validators only see values that were sent: ``null`` is refused, absent is kept."""
        if value is None:
            raise PydanticCustomError("not_null", "cannot be null; leave it out to keep it as is")
        return value


class ConversationQuery(BaseModel):
    limit: Limit = 50
    cursor: Annotated[str, StringConstraints(max_length=500)] | None = None
    q: Search | None = None


class ItemsQuery(BaseModel):
    after_seq: Counter | None = None
    before_position: Counter | None = None
    limit: Limit = 50


class ParticipantIn(Strict):
    email: EmailStr


class MessageIn(Strict):
    client_id: UUID
    content: str


class ChooseIn(Strict):
    option: Annotated[str, StringConstraints(min_length=1, max_length=100)]


class ReadIn(Strict):
    seq: Counter


class ConversationPageOut(BaseModel):
    items: list[ConversationSummaryOut]
    next_cursor: str | None


class ItemPageOut(BaseModel):
    items: list[ItemOut]
    last_seq: int
    has_more: bool


class SentOut(BaseModel):
    item: ItemOut
    generation_id: str | None


class ItemEnvelopeOut(BaseModel):
    item: ItemOut


class StoppedOut(BaseModel):
    stopped: bool


class GenerationOut(BaseModel):
    generation_id: str
