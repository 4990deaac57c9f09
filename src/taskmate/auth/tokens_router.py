"""``/tokens``: create, list and revoke personal access tokens (with a signed-in session)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Response

from taskmate.api.deps import RuntimeDep, SessionDep
from taskmate.api.routing import ApiRoute, errors
from taskmate.auth.deps import CurrentUser
from taskmate.auth.personal_tokens import PersonalTokens, token_not_found
from taskmate.auth.token_schemas import (
    IssuedTokenOut,
    TokenCreateIn,
    TokenListOut,
    TokenOut,
    token_fields,
)

router = APIRouter(prefix="/tokens", tags=["tokens"], route_class=ApiRoute)


def personal_tokens(session: SessionDep, runtime: RuntimeDep) -> PersonalTokens:
    return PersonalTokens(session, events=runtime.events, clock=runtime.clock)


PersonalTokensDep = Annotated[PersonalTokens, Depends(personal_tokens)]


@router.post("", status_code=201, responses=errors(409, 429))
async def create_token(
    body: TokenCreateIn, user: CurrentUser, tokens: PersonalTokensDep, runtime: RuntimeDep
) -> IssuedTokenOut:
    limiter = runtime.limiter
    await limiter.hit(limiter.login, "token-create", user.id, "new access tokens")
    issued = await tokens.create(
        user, name=body.name, scopes=body.scopes, expires_in_days=body.expires_in_days
    )
    return IssuedTokenOut.model_validate(token_fields(issued.token) | {"token": issued.secret})


@router.get("")
async def list_tokens(user: CurrentUser, tokens: PersonalTokensDep) -> TokenListOut:
    listed = await tokens.listing(user)
    return TokenListOut(items=[TokenOut.model_validate(token_fields(t)) for t in listed])


@router.delete("/{token_id}", status_code=204)
async def revoke_token(token_id: str, user: CurrentUser, tokens: PersonalTokensDep) -> Response:
    if len(token_id) > 36:
        raise token_not_found()
    await tokens.revoke(user, token_id)
    return Response(status_code=204)
