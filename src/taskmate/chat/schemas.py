"""Request bodies, queries and response envelopes of the chat endpoints. Item and
conversation bodies themselves are rendered by ``chat.render``.

Message content has no length bound here: ``MessageService`` checks its length (413 over
10,000 characters, 422 when blank) so every transport refuses the same way.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, Strict, field_validator
from pydantic_core import PydanticCustomError

from taskmate.api.text import Email, Text
from taskmate.chat.models import MAX_KIND, MAX_TITLE
from taskmate.chat.render import ConversationSummaryOut, ItemOut

MAX_COUNTER = 2**31 - 1  # seq and position are 32-bit integers on both databases

AssistantMode = Literal["always", "mention", "off"]
Title = Annotated[str, Text(strip=True, min_length=1, max_length=MAX_TITLE)]
Kind = Annotated[str, Text(strip=True, min_length=1, max_length=MAX_KIND)]
Search = Annotated[str, Text(strip=True, max_length=200)]
Cursor = Annotated[str, Text(max_length=500)]
Content = Annotated[str, Text(max_length=None)]  # MessageService: 413 over 10,000, 422 blank
Option = Annotated[str, Text(min_length=1, max_length=100)]
# In a query string a number arrives as text ("5"); in a body or a frame it must be a JSON
# integer (not true, "5" or 5.0).
CounterParam = Annotated[int, Field(ge=0, le=MAX_COUNTER)]
Counter = Annotated[CounterParam, Strict()]
Limit = Annotated[int, Field(ge=1, le=200)]


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ConversationCreate(StrictModel):
    title: Title | None = None
    kind: Kind = "assistant"
    assistant: AssistantMode = "always"


class ConversationPatch(StrictModel):
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
    cursor: Cursor | None = None
    q: Search | None = None


class ItemsQuery(BaseModel):
    after_seq: CounterParam | None = None
    before_position: CounterParam | None = None
    limit: Limit = 50


class ParticipantIn(StrictModel):
    email: Email


class MessageIn(StrictModel):
    client_id: UUID
    content: Content


class ChooseIn(StrictModel):
    option: Option


class ReadIn(StrictModel):
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
