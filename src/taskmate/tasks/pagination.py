"""Keyset cursors: the last row's sort key, signed so that clients cannot forge positions.

A cursor is URL-safe base64 of ``[scope, *key]`` as JSON followed by a truncated HMAC. The scope
names the ordering it belongs to, so a cursor of one listing is refused by another.
"""

from __future__ import annotations

import binascii
import hashlib
import hmac
import json
from base64 import urlsafe_b64decode, urlsafe_b64encode
from collections.abc import Sequence

from taskmate.errors import ValidationFailed

CursorValue = str | int
TAG_BYTES = 12
FIELD = "cursor"
NOT_OURS = "is not a cursor from this listing; request the first page again without it"


def invalid_cursor() -> ValidationFailed:
    return ValidationFailed.field(FIELD, NOT_OURS)


def _b64(data: bytes) -> str:
    return urlsafe_b64encode(data).rstrip(b"=").decode()


class CursorCodec:
    def __init__(self, secret: str) -> None:
        self._key = hmac.new(secret.encode(), b"taskmate keyset cursor", hashlib.sha256).digest()

    def encode(self, scope: str, key: Sequence[CursorValue]) -> str:
        payload = json.dumps([scope, *key], separators=(",", ":")).encode()
        return _b64(payload + self._tag(payload))

    def decode(self, token: str, scope: str) -> list[CursorValue]:
        """The key inside ``token``; a malformed, forged or foreign cursor is a 422."""
        try:
            raw = urlsafe_b64decode(token + "=" * (-len(token) % 4))
        except (binascii.Error, ValueError):
            raise invalid_cursor() from None
        if _b64(raw) != token:  # only the canonical spelling: no ignored characters or bits
            raise invalid_cursor()
        payload, tag = raw[:-TAG_BYTES], raw[-TAG_BYTES:]
        if len(raw) <= TAG_BYTES or not hmac.compare_digest(tag, self._tag(payload)):
            raise invalid_cursor()
        values = json.loads(payload)
        if not isinstance(values, list) or not values or values[0] != scope:
            raise invalid_cursor()
        return values[1:]

    def _tag(self, payload: bytes) -> bytes:
        return hmac.new(self._key, payload, hashlib.sha256).digest()[:TAG_BYTES]
