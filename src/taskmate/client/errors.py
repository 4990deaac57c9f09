"""What the client raises: the protocol's errors with their code, and a lost connection."""

from __future__ import annotations

from typing import Any


class TaskmateError(Exception):
    """The server refused a request: ``code`` is the protocol's error code (``not_found``,
    ``insufficient_scope``...), ``message`` its sentence for people, ``status`` the HTTP
    status (None for an ``error`` frame on the socket)."""

    def __init__(
        self,
        code: str,
        message: str,
        *,
        status: int | None = None,
        details: dict[str, Any] | None = None,
        ref: str | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status
        self.details = details or {}
        self.ref = ref

    def __repr__(self) -> str:
        return f"TaskmateError(code={self.code!r}, message={self.message!r}, status={self.status})"


class Disconnected(Exception):
    """The live socket is not connected now; what needs it can be tried after a reconnect."""
