"""Accounts and sessions: sign-up, sign-in, refresh rotation, sign-out, password, deletion."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from types import EllipsisType

from sqlalchemy import Select, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from taskmate.auth.models import AuthSession, PersonalAccessToken, RefreshToken, User
from taskmate.auth.passwords import hash_password, verify_password
from taskmate.auth.personal_tokens import ended_event
from taskmate.auth.schemas import SessionKind
from taskmate.auth.tokens import AccessClaims, TokenCodec, hash_refresh_token
from taskmate.errors import Conflict, NotFound, Unauthorized, ValidationFailed
from taskmate.events import DomainEvent, EventPublisher

REFRESH_GRACE = timedelta(seconds=30)
BAD_CREDENTIALS = "The email or password is not correct."
REFRESH_INVALID = "The refresh token is not valid or has expired; sign in again."
REFRESH_REUSED = (
    "This refresh token was already used, so the session was ended to protect your account. "
    "Sign in again."
)


@dataclass(frozen=True, kw_only=True, slots=True)
class IssuedSession:
    user: User
    session_id: str
    kind: str
    access_token: str
    refresh_token: str
    expires_in: int


def normalise_email(email: str) -> str:
    return email.strip().lower()


def _live_sessions(user: User) -> Select[AuthSession]:
    return select(AuthSession).where(
        AuthSession.user_id == user.id, AuthSession.revoked_at.is_(None)
    )


class AuthService:
    def __init__(
        self,
        session: AsyncSession,
        *,
        tokens: TokenCodec,
        events: EventPublisher,
        refresh_lifetime: timedelta,
        clock: Callable[[], datetime],
    ) -> None:
        self._db = session
        self._tokens = tokens
        self._events = events
        self._refresh_lifetime = refresh_lifetime
        self._clock = clock

    async def register(
        self, *, email: str, password: str, name: str, timezone: str, kind: SessionKind
    ) -> IssuedSession:
        user = await self.create_user(email=email, password=password, name=name, timezone=timezone)
        return await self.open_session(user, kind)

    async def create_user(self, *, email: str, password: str, name: str, timezone: str) -> User:
        user = User(
            email=normalise_email(email),
            name=name.strip(),
            password_hash=hash_password(password),
            timezone=timezone,
        )
        self._db.add(user)
        try:
            await self._db.flush()
        except IntegrityError:
            await self._db.rollback()
            raise Conflict(
                "An account with this email already exists; sign in instead.",
                details={"fields": [{"field": "email", "message": "is already registered"}]},
            ) from None
        return user

    async def set_password(self, email: str, password: str) -> User:
        """An administrator's reset: sets the password and ends every session of the account."""
        user = await self._db.scalar(select(User).where(User.email == normalise_email(email)))
        if user is None:
            raise NotFound(f"There is no account with the email {email}.")
        await self._replace_password(user, password, keep_session_id=None)
        return user

    async def login(self, *, email: str, password: str, kind: SessionKind) -> IssuedSession:
        user = await self._db.scalar(select(User).where(User.email == normalise_email(email)))
        matched, new_hash = verify_password(password, user.password_hash if user else None)
        if user is None or not matched:
            raise Unauthorized(BAD_CREDENTIALS)
        if new_hash is not None:
            user.password_hash = new_hash
        return await self.open_session(user, kind)

    async def authenticate(self, claims: AccessClaims) -> tuple[User, AuthSession]:
        """The user and live session behind an access token, in one indexed lookup."""
        row = (
            await self._db.execute(
                select(User, AuthSession)
                .join(AuthSession, AuthSession.user_id == User.id)
                .where(AuthSession.id == claims.session_id, User.id == claims.user_id)
            )
        ).first()
        if row is None or row.AuthSession.revoked_at is not None:
            raise Unauthorized("This session has ended; sign in again.")
        return row.User, row.AuthSession

    async def refresh(self, token: str) -> IssuedSession:
        try:
            return await self._rotate(token)
        except IntegrityError:
            # Another request rotated the same token at the same moment: take the grace path.
            await self._db.rollback()
            return await self._rotate(token)

    async def end_session(self, session_id: str) -> None:
        auth_session = await self._db.get(AuthSession, session_id)
        if auth_session is None:
            return
        await self._end([auth_session])

    async def end_every_session(self, user: User) -> None:
        """Sign out everywhere: every live session of the user, this one included."""
        await self._end(list(await self._db.scalars(_live_sessions(user))))

    async def session_for_refresh_token(self, token: str) -> str | None:
        stored = await self._db.scalar(
            select(RefreshToken).where(RefreshToken.token_hash == hash_refresh_token(token))
        )
        return stored.session_id if stored else None

    async def change_password(
        self, user: User, *, current: str, new: str, keep_session_id: str | None
    ) -> None:
        self._check_password(user, current, field="current_password")
        await self._replace_password(user, new, keep_session_id=keep_session_id)

    async def delete_account(self, user: User, *, password: str) -> None:
        self._check_password(user, password, field="password")
        sessions = list(
            await self._db.scalars(select(AuthSession).where(AuthSession.user_id == user.id))
        )
        tokens = list(
            await self._db.scalars(
                select(PersonalAccessToken).where(PersonalAccessToken.user_id == user.id)
            )
        )
        await self._db.delete(user)
        await self._db.commit()
        await self._publish_ended(sessions)
        await self._events.publish([ended_event(token) for token in tokens])

    async def update_profile(
        self,
        user: User,
        *,
        name: str | None,
        timezone: str | None,
        default_reminder_minutes: int | EllipsisType | None = ...,
        preferences: Mapping[str, str] | None = None,
    ) -> User:
        """Changes what is given (``...``: keep the default reminder; None clears it).
        ``preferences`` are display settings by column name, already validated."""
        for column, value in (preferences or {}).items():
            setattr(user, column, value)
        if name is not None:
            user.name = name.strip()
        if timezone is not None:
            user.timezone = timezone
        if default_reminder_minutes is not ...:
            user.default_reminder_minutes = default_reminder_minutes
        await self._db.commit()
        return user

    async def _replace_password(
        self, user: User, password: str, *, keep_session_id: str | None
    ) -> None:
        """Set a new password and end the account's sessions (all, or all but one)."""
        user.password_hash = hash_password(password)
        query = _live_sessions(user)
        if keep_session_id is not None:
            query = query.where(AuthSession.id != keep_session_id)
        await self._end(list(await self._db.scalars(query)))

    def _check_password(self, user: User, password: str, *, field: str) -> None:
        matched, _ = verify_password(password, user.password_hash)
        if not matched:
            raise ValidationFailed.field(field, "is not your current password")

    async def open_session(self, user: User, kind: SessionKind) -> IssuedSession:
        auth_session = AuthSession(user_id=user.id, kind=kind, created_at=self._clock())
        self._db.add(auth_session)
        await self._db.flush()
        refresh_token = self._tokens.new_refresh_token()
        self._db.add(self._refresh_row(auth_session.id, refresh_token))
        claims = self._tokens.new_access_claims(
            user_id=user.id, session_id=auth_session.id, now=self._clock()
        )
        await self._db.commit()
        return self._issued(user, auth_session, claims, refresh_token)

    async def _rotate(self, token: str) -> IssuedSession:
        now = self._clock()
        row = (
            await self._db.execute(
                select(RefreshToken, AuthSession, User)
                .join(AuthSession, AuthSession.id == RefreshToken.session_id)
                .join(User, User.id == AuthSession.user_id)
                .where(RefreshToken.token_hash == hash_refresh_token(token))
            )
        ).first()
        if row is None:
            raise Unauthorized(REFRESH_INVALID)
        stored, auth_session, user = row.RefreshToken, row.AuthSession, row.User
        if auth_session.revoked_at is not None or stored.expires_at <= now:
            raise Unauthorized(REFRESH_INVALID)
        successor = self._tokens.successor_refresh_token(stored.token_hash)
        if stored.rotated_at is None:
            claims = self._tokens.new_access_claims(
                user_id=user.id, session_id=auth_session.id, now=now
            )
            stored.rotated_at = now
            stored.successor_jti = claims.jti
            stored.successor_issued_at = claims.issued_at
            self._db.add(self._refresh_row(auth_session.id, successor))
            await self._db.commit()
            return self._issued(user, auth_session, claims, successor)
        if now - stored.rotated_at <= REFRESH_GRACE and stored.successor_jti is not None:
            assert stored.successor_issued_at is not None
            claims = AccessClaims(
                user_id=user.id,
                session_id=auth_session.id,
                jti=stored.successor_jti,
                issued_at=stored.successor_issued_at,
            )
            return self._issued(user, auth_session, claims, successor)
        await self._end([auth_session])
        raise Unauthorized(REFRESH_REUSED)

    def _refresh_row(self, session_id: str, token: str) -> RefreshToken:
        now = self._clock()
        return RefreshToken(
            session_id=session_id,
            token_hash=hash_refresh_token(token),
            created_at=now,
            expires_at=now + self._refresh_lifetime,
        )

    def _issued(
        self, user: User, auth_session: AuthSession, claims: AccessClaims, refresh_token: str
    ) -> IssuedSession:
        return IssuedSession(
            user=user,
            session_id=auth_session.id,
            kind=auth_session.kind,
            access_token=self._tokens.issue_access(claims),
            refresh_token=refresh_token,
            expires_in=int(self._tokens.access_lifetime.total_seconds()),
        )

    async def _end(self, sessions: list[AuthSession]) -> None:
        """Revoke the sessions, commit, and tell the real-time layer to close their sockets."""
        ids = [auth_session.id for auth_session in sessions]
        if ids:
            await self._db.execute(
                update(AuthSession)
                .where(AuthSession.id.in_(ids), AuthSession.revoked_at.is_(None))
                .values(revoked_at=self._clock())
            )
        await self._db.commit()
        await self._publish_ended(sessions)

    async def _publish_ended(self, sessions: list[AuthSession]) -> None:
        await self._events.publish(
            [
                DomainEvent(
                    user_id=auth_session.user_id,
                    kind="session",
                    action="ended",
                    payload={"session_id": auth_session.id},
                )
                for auth_session in sessions
            ]
        )
