"""Who is asking: bearer tokens or the cookie session (with its CSRF check)."""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import timedelta
from typing import Annotated

import structlog
from fastapi import Depends, Request

from taskmate.api.deps import SAFE_METHODS, RuntimeDep, SessionDep
from taskmate.auth.cookies import ACCESS_COOKIE, CSRF_COOKIE
from taskmate.auth.models import User
from taskmate.auth.service import AuthService
from taskmate.errors import Forbidden, Unauthorized

CSRF_HEADER = "X-CSRF-Token"


@dataclass(frozen=True, kw_only=True, slots=True)
class Caller:
    user: User
    session_id: str
    via_cookie: bool


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


async def current_caller(request: Request, runtime: RuntimeDep, auth: AuthServiceDep) -> Caller:
    token = bearer_token(request)
    via_cookie = token is None
    if token is None:
        token = request.cookies.get(ACCESS_COOKIE)
    if not token:
        raise Unauthorized("Sign in first: send a bearer token or use the session cookie.")
    claims = runtime.tokens.decode_access(token)
    if via_cookie:
        check_csrf(request, runtime.tokens.csrf_token(claims.session_id))
    user, auth_session = await auth.authenticate(claims)
    structlog.contextvars.bind_contextvars(user_id=user.id)
    return Caller(user=user, session_id=auth_session.id, via_cookie=via_cookie)


CallerDep = Annotated[Caller, Depends(current_caller)]


async def current_user(caller: CallerDep) -> User:
    return caller.user


CurrentUser = Annotated[User, Depends(current_user)]
