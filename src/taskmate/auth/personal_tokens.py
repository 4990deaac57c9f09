"""Personal access tokens: created with a name, scopes and an expiry, shown once, stored as a
hash, checked in the database on every use (so a revoke holds on every instance at once).

A token is ``tm_pat_`` and 43 URL-safe characters: the prefix tells people and secret
scanners what it is. ``last_used_at`` is written at most once a minute per token, so reading
does not mean writing on every request.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from taskmate.auth.models import PersonalAccessToken, User
from taskmate.auth.scopes import scope_string
from taskmate.errors import Conflict, NotFound, Unauthorized
from taskmate.events import DomainEvent, EventPublisher

TOKEN_PREFIX = "tm_pat_"
HINT_LENGTH = 4
LAST_USED_EVERY = timedelta(minutes=1)
MAX_TOKENS_PER_USER = 100
TOKEN_INVALID = (
    "This personal access token is not valid: it was revoked, it expired or it was mistyped. "
    "Create a new one in Settings."
)


@dataclass(frozen=True, kw_only=True, slots=True)
class IssuedToken:
    token: PersonalAccessToken
    secret: str  # shown once, never stored


def is_personal_token(credential: str) -> bool:
    return credential.startswith(TOKEN_PREFIX)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def due_for_use_note(token: PersonalAccessToken, now: datetime) -> bool:
    return token.last_used_at is None or now - token.last_used_at >= LAST_USED_EVERY


def token_not_found() -> NotFound:
    return NotFound("There is no such access token; it may have been revoked already.")


def ended_event(token: PersonalAccessToken) -> DomainEvent:
    """Tells live connections opened with the token to close. The token's id plays the part
    a session's id plays for connections opened with a session."""
    return DomainEvent(
        user_id=token.user_id, kind="session", action="ended", payload={"session_id": token.id}
    )


class PersonalTokens:
    def __init__(
        self, session: AsyncSession, *, events: EventPublisher, clock: Callable[[], datetime]
    ) -> None:
        self._db = session
        self._events = events
        self._clock = clock

    async def create(
        self, user: User, *, name: str, scopes: Sequence[str], expires_in_days: int | None
    ) -> IssuedToken:
        if len(await self.listing(user)) >= MAX_TOKENS_PER_USER:
            raise Conflict(
                f"You already have {MAX_TOKENS_PER_USER} access tokens; revoke those you no "
                "longer use before creating another."
            )
        secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
        now = self._clock()
        token = PersonalAccessToken(
            user_id=user.id,
            name=name.strip(),
            scopes=scope_string(scopes),
            token_hash=hash_secret(secret),
            hint=secret[-HINT_LENGTH:],
            created_at=now,
            expires_at=now + timedelta(days=expires_in_days) if expires_in_days else None,
        )
        self._db.add(token)
        await self._db.commit()
        return IssuedToken(token=token, secret=secret)

    async def listing(self, user: User) -> list[PersonalAccessToken]:
        """Newest first, expired ones included (people see that they expired)."""
        query = (
            select(PersonalAccessToken)
            .where(PersonalAccessToken.user_id == user.id)
            .order_by(PersonalAccessToken.created_at.desc(), PersonalAccessToken.id)
        )
        return list(await self._db.scalars(query))

    async def revoke(self, user: User, token_id: str) -> None:
        token = await self._db.get(PersonalAccessToken, token_id)
        if token is None or token.user_id != user.id:
            raise token_not_found()
        await self._db.delete(token)
        await self._db.commit()
        await self._events.publish([ended_event(token)])

    async def authenticate(self, secret: str) -> tuple[User, PersonalAccessToken]:
        """The user and live token behind a secret, in one indexed lookup; raises
        ``Unauthorized``."""
        row = (
            await self._db.execute(
                select(User, PersonalAccessToken)
                .join(PersonalAccessToken, PersonalAccessToken.user_id == User.id)
                .where(PersonalAccessToken.token_hash == hash_secret(secret))
            )
        ).first()
        if row is None:
            raise Unauthorized(TOKEN_INVALID)
        token: PersonalAccessToken = row.PersonalAccessToken
        if token.expires_at is not None and token.expires_at <= self._clock():
            raise Unauthorized(TOKEN_INVALID)
        return row.User, token

    async def alive(self, token_id: str) -> bool:
        expires = (
            await self._db.execute(
                select(PersonalAccessToken.expires_at).where(PersonalAccessToken.id == token_id)
            )
        ).first()
        return expires is not None and (
            expires.expires_at is None or expires.expires_at > self._clock()
        )

    async def note_use(self, token: PersonalAccessToken) -> None:
        """Records the use and commits, unless another request did within the minute."""
        now = self._clock()
        await self._db.execute(
            update(PersonalAccessToken)
            .where(
                PersonalAccessToken.id == token.id,
                or_(
                    PersonalAccessToken.last_used_at.is_(None),
                    PersonalAccessToken.last_used_at <= now - LAST_USED_EVERY,
                ),
            )
            .values(last_used_at=now)
        )
        await self._db.commit()
