"""Bodies of ``/push`` and ``/notify/urls``. Addresses come in and never go out: responses
carry a label (the push service's host, or an Apprise URL without its secrets)."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlsplit

from cryptography.hazmat.primitives.asymmetric import ec
from pydantic import AfterValidator, BaseModel, Field

from taskmate.api.text import Text
from taskmate.api.types import Timestamp
from taskmate.auth.schemas import StrictModel
from taskmate.config import LOOPBACK_HOSTS
from taskmate.notify import base64url
from taskmate.notify.models import NotifyChannel

AUTH_SECRET_BYTES = 16  # RFC 8291 §3.2


def _push_endpoint(value: str) -> str:
    parts = urlsplit(value)
    local = parts.scheme == "http" and parts.hostname in LOOPBACK_HOSTS
    if not parts.hostname or not (parts.scheme == "https" or local):
        raise ValueError("expected the https:// URL of the browser's push service")
    return value


def _p256_point(value: str) -> str:
    try:
        ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), base64url.decode(value))
    except ValueError:
        raise ValueError("expected the browser's P-256 public key in URL-safe base64") from None
    return value


def _auth_secret(value: str) -> str:
    try:
        secret = base64url.decode(value)
    except ValueError:
        secret = b""
    if len(secret) != AUTH_SECRET_BYTES:
        raise ValueError("expected the browser's 16-byte auth secret in URL-safe base64")
    return value


class PushKeysIn(StrictModel):
    p256dh: Annotated[str, Text(max_length=100), AfterValidator(_p256_point)]
    auth: Annotated[str, Text(max_length=50), AfterValidator(_auth_secret)]


class PushSubscriptionIn(StrictModel):
    """A browser's ``PushSubscription.toJSON()`` as it is."""

    endpoint: Annotated[str, Text(max_length=1000), AfterValidator(_push_endpoint)]
    expiration_time: float | None = Field(default=None, alias="expirationTime")
    keys: PushKeysIn


class NotifyUrlIn(StrictModel):
    url: Annotated[str, Text(max_length=2000, min_length=1, strip=True)]


class PushKeyOut(BaseModel):
    public_key: str  # the browser's applicationServerKey


class ChannelOut(BaseModel):
    id: str
    label: str
    created_at: Timestamp
    disabled_at: Timestamp | None
    disabled_reason: str | None

    @classmethod
    def of(cls, channel: NotifyChannel) -> ChannelOut:
        return cls(
            id=channel.id,
            label=channel.label,
            created_at=channel.created_at,
            disabled_at=channel.disabled_at,
            disabled_reason=channel.disabled_reason,
        )


class ChannelListOut(BaseModel):
    items: list[ChannelOut]


class TrialOut(BaseModel):
    delivered: bool
    reason: str | None  # why not, for people
    channel: ChannelOut
