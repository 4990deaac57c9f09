"""Who is on the other end of a live connection, checked once when it opens.

A connection lives longer than its access token: it stays open until its session ends
(sign-out, password change, refresh-token reuse), which the ``session``/``ended`` event on the
user's channel announces, and which a ``resync`` re-checks in the database. A connection
opened with a personal access token (which needs the ``chat`` scope) lives until the token
is revoked or expires, announced and re-checked the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from taskmate.api.runtime import Runtime
from taskmate.auth.deps import auth_service, token_caller
from taskmate.auth.models import AuthSession
from taskmate.auth.personal_tokens import PersonalTokens, is_personal_token
from taskmate.auth.scopes import CHAT
from taskmate.chat.context import Actor


@dataclass(frozen=True, kw_only=True, slots=True)
class LiveCaller:
    user_id: str
    name: str
    session_id: str  # the session, or the personal access token, whose end closes it
    via_token: bool = False

    @property
    def actor(self) -> Actor:
        return Actor(user_id=self.user_id, name=self.name)


async def authenticate(runtime: Runtime, token: str) -> LiveCaller:
    """The caller behind an access token or a personal access token; raises
    ``Unauthorized``, or ``InsufficientScope`` for a token without ``chat``."""
    async with runtime.database.session() as session:
        if is_personal_token(token):
            caller = await token_caller(runtime, session, token, writes=False)
            caller.grant.require(CHAT)
            assert caller.token_id is not None
            user = caller.user
            return LiveCaller(
                user_id=user.id, name=user.name, session_id=caller.token_id, via_token=True
            )
        claims = runtime.tokens.decode_access(token)
        user, auth_session = await auth_service(session, runtime).authenticate(claims)
        return LiveCaller(user_id=user.id, name=user.name, session_id=auth_session.id)


async def session_alive(runtime: Runtime, caller: LiveCaller) -> bool:
    async with runtime.database.session() as session:
        if caller.via_token:
            tokens = PersonalTokens(session, events=runtime.events, clock=runtime.clock)
            return await tokens.alive(caller.session_id)
        revoked = await session.execute(
            select(AuthSession.revoked_at).where(
                AuthSession.id == caller.session_id, AuthSession.user_id == caller.user_id
            )
        )
        row = revoked.first()
    return row is not None and row.revoked_at is None
