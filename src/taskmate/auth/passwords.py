"""Password hashing (argon2 through pwdlib), with a constant-cost path for unknown accounts."""

from __future__ import annotations

from pwdlib import PasswordHash

_hasher = PasswordHash.recommended()
_DUMMY_HASH = _hasher.hash("taskmate-timing-equaliser")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password: str, password_hash: str | None) -> tuple[bool, str | None]:
    """Check a password. Returns whether it matched and, if the hash is outdated, a new one.

    With no hash (unknown account) a dummy hash is checked so the answer takes as long.
    """
    if password_hash is None:
        _hasher.verify(password, _DUMMY_HASH)
        return False, None
    return _hasher.verify_and_update(password, password_hash)
