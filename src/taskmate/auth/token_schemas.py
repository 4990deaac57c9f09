"""Bodies of ``/tokens``: personal access tokens, whose secret is shown once."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, Field, Strict

from taskmate.api.text import Text
from taskmate.api.types import Timestamp
from taskmate.auth.models import PersonalAccessToken
from taskmate.auth.personal_tokens import TOKEN_PREFIX
from taskmate.auth.schemas import StrictModel
from taskmate.auth.scopes import Scope

MAX_EXPIRY_DAYS = 3650


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank")
    return value


class TokenCreateIn(StrictModel):
    name: Annotated[str, Text(max_length=100), AfterValidator(_not_blank)]
    scopes: list[Scope] = Field(min_length=1, max_length=3)
    expires_in_days: Annotated[int, Strict(), Field(ge=1, le=MAX_EXPIRY_DAYS)] | None = None


class TokenOut(BaseModel):
    id: str
    name: str
    scopes: list[Scope]
    hint: str  # "tm_pat_…Xy3k": enough to tell tokens apart, never enough to use one
    created_at: Timestamp
    expires_at: Timestamp | None
    last_used_at: Timestamp | None


class IssuedTokenOut(TokenOut):
    token: str


class TokenListOut(BaseModel):
    items: list[TokenOut]


def token_fields(token: PersonalAccessToken) -> dict[str, object]:
    return {
        "id": token.id,
        "name": token.name,
        "scopes": token.scopes.split(),
        "hint": f"{TOKEN_PREFIX}…{token.hint}",
        "created_at": token.created_at,
        "expires_at": token.expires_at,
        "last_used_at": token.last_used_at,
    }
