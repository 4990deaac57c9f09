"""Access tokens (JWT, HS256 pinned), refresh tokens and CSRF tokens."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid
from base64 import urlsafe_b64encode
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Annotated, Literal

import jwt
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from taskmate.api.text import Text
from taskmate.errors import Unauthorized

ALGORITHM = "HS256"
ACCESS_TYPE = "access"
REQUIRED_CLAIMS = ["exp", "iat", "sub", "jti", "sid", "typ"]
LAST_SECOND = 253_402_300_799  # 9999-12-31T23:59:59Z, the last instant a datetime holds
INVALID = "The access token is not valid; sign in again."

Id = Annotated[str, Text(min_length=1, max_length=100)]
Instant = Annotated[int, Field(ge=0, le=LAST_SECOND)]  # seconds since 1970, an integer


class AccessPayload(BaseModel):
    """An access token's claims by type and range, checked after its signature: a token
    signed with our key but odd claims (``iat`` of -10**20, ``true`` as a time, a number as
    ``sub``) is refused like a forged one, never a 500."""

    model_config = ConfigDict(strict=True, frozen=True)  # 1 is not a str, True not an int

    sub: Id
    sid: Id
    jti: Id
    typ: Literal["access"]
    iat: Instant
    exp: Instant

    @model_validator(mode="after")
    def _issued_before_expiry(self) -> AccessPayload:
        if self.iat > self.exp:
            raise ValueError("iat is after exp")
        return self


@dataclass(frozen=True, kw_only=True, slots=True)
class AccessClaims:
    user_id: str
    session_id: str
    jti: str
    issued_at: datetime


def hash_refresh_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class TokenCodec:
    def __init__(self, key: str, *, access_minutes: int) -> None:
        self._key = key
        self.access_lifetime = timedelta(minutes=access_minutes)

    def issue_access(self, claims: AccessClaims) -> str:
        """Sign an access token. The same claims always give the same token."""
        issued = int(claims.issued_at.timestamp())
        payload = {
            "sub": claims.user_id,
            "sid": claims.session_id,
            "jti": claims.jti,
            "typ": ACCESS_TYPE,
            "iat": issued,
            "exp": issued + int(self.access_lifetime.total_seconds()),
        }
        return jwt.encode(payload, self._key, algorithm=ALGORITHM)

    def new_access_claims(self, *, user_id: str, session_id: str, now: datetime) -> AccessClaims:
        return AccessClaims(
            user_id=user_id,
            session_id=session_id,
            jti=str(uuid.uuid4()),
            issued_at=now.replace(microsecond=0),
        )

    def decode_access(self, token: str) -> AccessClaims:
        try:
            payload = jwt.decode(
                token, self._key, algorithms=[ALGORITHM], options={"require": REQUIRED_CLAIMS}
            )
        except jwt.ExpiredSignatureError:
            raise Unauthorized(
                "Your session token has expired; refresh it or sign in again."
            ) from None
        except jwt.InvalidTokenError:
            raise Unauthorized(INVALID) from None
        try:
            claims = AccessPayload.model_validate(payload)
        except ValidationError:
            raise Unauthorized(INVALID) from None
        return AccessClaims(
            user_id=claims.sub,
            session_id=claims.sid,
            jti=claims.jti,
            issued_at=datetime.fromtimestamp(claims.iat, UTC),
        )

    @staticmethod
    def new_refresh_token() -> str:
        return secrets.token_urlsafe(32)

    def successor_refresh_token(self, previous_hash: str) -> str:
        """The refresh token that replaces the one with ``previous_hash``.

        Derived, not random, so that a racing tab presenting the old token within the grace
        period gets the very same pair without the server storing any token in clear.
        """
        digest = hmac.new(self._key.encode(), f"rotate:{previous_hash}".encode(), "sha256")
        return urlsafe_b64encode(digest.digest()).rstrip(b"=").decode()

    def csrf_token(self, session_id: str) -> str:
        digest = hmac.new(self._key.encode(), f"csrf:{session_id}".encode(), "sha256")
        return urlsafe_b64encode(digest.digest()).rstrip(b"=").decode()
