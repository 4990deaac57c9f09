"""Accounts, login sessions and their refresh tokens."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from taskmate.db.base import Base, new_id, utcnow


class User(Base):
    __tablename__ = "users"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    name: Mapped[str] = mapped_column(String(100), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    # Minutes before the due time of the reminder every task gets with a due time (null: none).
    default_reminder_minutes: Mapped[int | None]
    # How dates and times are shown to this user, by the web app and by the assistant.
    clock: Mapped[str] = mapped_column(String(3), default="12h", server_default="12h")
    date_format: Mapped[str] = mapped_column(String(3), default="mdy", server_default="mdy")
    week_start: Mapped[str] = mapped_column(String(8), default="monday", server_default="monday")
    theme: Mapped[str] = mapped_column(String(6), default="system", server_default="system")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class AuthSession(Base):
    """One login. Access tokens carry its id; revoking it ends every token it issued."""

    __tablename__ = "auth_sessions"
    __table_args__ = (Index(None, "user_id"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(10))  # "bearer" or "cookie"
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None]


class RefreshToken(Base):
    """A refresh token, stored only as a hash.

    When it is rotated, the access token issued in its place is remembered (``successor_jti``
    and ``successor_issued_at``) so the same pair can be handed out again to a racing tab
    during the grace period.
    """

    __tablename__ = "refresh_tokens"
    __table_args__ = (Index(None, "session_id"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    session_id: Mapped[str] = mapped_column(ForeignKey("auth_sessions.id", ondelete="CASCADE"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    rotated_at: Mapped[datetime | None]
    successor_jti: Mapped[str | None] = mapped_column(String(36))
    successor_issued_at: Mapped[datetime | None]


class PersonalAccessToken(Base):
    """A long-lived credential for scripts and assistants, limited to its ``scopes``.

    Only the SHA-256 of the secret is stored; ``hint`` keeps its last characters so people
    can tell their tokens apart. Revoking deletes the row, so the next request fails.
    """

    __tablename__ = "personal_access_tokens"
    __table_args__ = (Index(None, "user_id"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(100))
    scopes: Mapped[str] = mapped_column(String(100))  # space separated
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    hint: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime | None]
    last_used_at: Mapped[datetime | None]
