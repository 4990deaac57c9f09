"""Who is asking: bearer tokens (access or personal), or the cookie session (with its CSRF
check), and whether the route lets them in.

Routes say which area they belong to through ``TasksUser``, ``ChatUser`` or ``ProfileUser``
(FastAPI security scopes); ``CurrentUser`` declares none, so only a signed-in session passes.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import timedelta
from typing import Annotated

import structlog
from fastapi import Depends, Request, Security
from fastapi.security import SecurityScopes
from sqlalchemy.ext.asyncio import AsyncSession

from taskmate.api.deps import SAFE_METHODS, RuntimeDep, SessionDep
from taskmate.api.runtime import Runtime
from taskmate.auth.cookies import ACCESS_COOKIE, CSRF_COOKIE
from taskmate.auth.models import PersonalAccessToken, User
from taskmate.auth.personal_tokens import (
    PersonalTokens,
    due_for_use_note,
    is_personal_token,
)
from taskmate.auth.scopes import CHAT_AREA, PROFILE_AREA, TASKS_AREA, Grant
from taskmate.auth.service import AuthService
from taskmate.errors import Forbidden, Unauthorized

CSRF_HEADER = "X-CSRF-Token"


@dataclass(frozen=True, kw_only=True, slots=True)
class Caller:
    user: User
    session_id: str | None  # None for a personal access token
    token_id: str | None  # the personal access token's id
    via_cookie: bool
    grant: Grant


def auth_service(session: SessionDep, runtime: RuntimeDep) -> AuthService:
    settings = runtime.settings
    return AuthService(
        session,
        tokens=runtime.tokens,
        events=runtime.events,
        refresh_lifetime=timedelta(days=settings.refresh_token_days),
        clock=runtime.clock,
    )


AuthServiceDep = Annotated[AuthService, Depends(auth_service)]


def bearer_token(request: Request) -> str | None:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    return None


def check_csrf(request: Request, expected: str | None = None) -> None:
    """Cookie-authenticated unsafe requests must echo the CSRF cookie in a header."""
    if request.method in SAFE_METHODS:
        return
    header = request.headers.get(CSRF_HEADER.lower(), "")
    cookie = request.cookies.get(CSRF_COOKIE, "")
    matches = bool(header) and hmac.compare_digest(header, cookie)
    if matches and expected is not None:
        matches = hmac.compare_digest(header, expected)
    if not matches:
        raise Forbidden(
            f"The {CSRF_HEADER} header is missing or does not match the {CSRF_COOKIE} cookie; "
            "reload the page and try again."
        )


async def note_token_use(
    runtime: Runtime, token: PersonalAccessToken, request_session: AsyncSession | None
) -> None:
    """Records a token's use at most once a minute. A write request records it in its own
    session: SQLite has one writer at a time, so a second write session would wait for it."""
    if not due_for_use_note(token, runtime.clock()):
        return
    if request_session is not None:
        await PersonalTokens(request_session, events=runtime.events, clock=runtime.clock).note_use(
            token
        )
        return
    async with runtime.database.session(write=True) as own:
        await PersonalTokens(own, events=runtime.events, clock=runtime.clock).note_use(token)


async def token_caller(
    runtime: Runtime, session: AsyncSession, secret: str, *, writes: bool
) -> Caller:
    """The caller behind a personal access token; raises ``Unauthorized``."""
    tokens = PersonalTokens(session, events=runtime.events, clock=runtime.clock)
    user, token = await tokens.authenticate(secret)
    await note_token_use(runtime, token, session if writes else None)
    return Caller(
        user=user,
        session_id=None,
        token_id=token.id,
        via_cookie=False,
        grant=Grant.of_token(token.scopes.split()),
    )


async def _identified(
    request: Request, runtime: Runtime, auth: AuthService, session: AsyncSession
) -> Caller:
    """Who sent the request, worked out once per request."""
    cached: Caller | None = getattr(request.state, "caller", None)
    if cached is not None:
        return cached
    token = bearer_token(request)
    via_cookie = token is None
    if token is None:
        token = request.cookies.get(ACCESS_COOKIE)
    if not token:
        raise Unauthorized("Sign in first: send a bearer token or use the session cookie.")
    if not via_cookie and is_personal_token(token):
        writes = request.method not in SAFE_METHODS
        caller = await token_caller(runtime, session, token, writes=writes)
    else:
        claims = runtime.tokens.decode_access(token)
        if via_cookie:
            check_csrf(request, runtime.tokens.csrf_token(claims.session_id))
        user, auth_session = await auth.authenticate(claims)
        caller = Caller(
            user=user,
            session_id=auth_session.id,
            token_id=None,
            via_cookie=via_cookie,
            grant=Grant(),
        )
    structlog.contextvars.bind_contextvars(user_id=caller.user.id)
    request.state.caller = caller
    return caller


async def current_caller(
    request: Request,
    areas: SecurityScopes,
    runtime: RuntimeDep,
    auth: AuthServiceDep,
    session: SessionDep,
) -> Caller:
    caller = await _identified(request, runtime, auth, session)
    caller.grant.check_route(areas.scopes, writes=request.method not in SAFE_METHODS)
    return caller


CallerDep = Annotated[Caller, Depends(current_caller)]


async def current_user(caller: CallerDep) -> User:
    return caller.user


CurrentUser = Annotated[User, Depends(current_user)]  # a signed-in session only
TasksUser = Annotated[User, Security(current_user, scopes=[TASKS_AREA])]
ChatUser = Annotated[User, Security(current_user, scopes=[CHAT_AREA])]
ProfileUser = Annotated[User, Security(current_user, scopes=[PROFILE_AREA])]
