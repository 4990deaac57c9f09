"""What a caller may do: a signed-in session everything, a personal access token its scopes.

Routes declare the area they belong to with FastAPI's ``Security(..., scopes=[area])``; a
token is refused wherever no area is declared, so a new route is closed to tokens until
someone decides otherwise.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from taskmate.errors import AppError, Forbidden

TASKS_READ = "tasks:read"
TASKS_WRITE = "tasks:write"
CHAT = "chat"
SCOPES = (TASKS_READ, TASKS_WRITE, CHAT)
Scope = Literal["tasks:read", "tasks:write", "chat"]

# Areas routes declare. "tasks" needs tasks:read to read and tasks:write to change; "chat"
# needs chat for everything; "profile" lets any token read (GET /me) but change nothing.
TASKS_AREA = "tasks"
CHAT_AREA = "chat"
PROFILE_AREA = "profile"

IMPLIED = {TASKS_WRITE: frozenset({TASKS_READ})}
WHAT_IT_ALLOWS = {
    TASKS_READ: "read your tasks and lists",
    TASKS_WRITE: "change your tasks and lists",
    CHAT: "talk to the assistant",
}
SESSION_ONLY = (
    "Personal access tokens cannot do this; sign in to Taskmate (a browser session or "
    "POST /auth/login) to do it."
)


class InsufficientScope(AppError):
    status = 403
    code = "insufficient_scope"


@dataclass(frozen=True, slots=True)
class Grant:
    """``scopes`` is None for a signed-in session, which may do everything."""

    scopes: frozenset[str] | None = None

    @classmethod
    def of_token(cls, scopes: Iterable[str]) -> Grant:
        granted = set(scopes)
        for scope in list(granted):
            granted |= IMPLIED.get(scope, frozenset())
        return cls(frozenset(granted))

    @property
    def is_session(self) -> bool:
        return self.scopes is None

    def allows(self, scope: str) -> bool:
        return self.scopes is None or scope in self.scopes

    def require(self, scope: str) -> None:
        if self.allows(scope):
            return
        granted = sorted(self.scopes or ())
        raise InsufficientScope(
            f"This access token may not {WHAT_IT_ALLOWS[scope]}: it needs the {scope} scope. "
            "Create a token with that scope in Settings.",
            details={"required_scope": scope, "granted_scopes": granted},
        )

    def require_session(self) -> None:
        if not self.is_session:
            raise Forbidden(SESSION_ONLY)

    def check_route(self, areas: Sequence[str], *, writes: bool) -> None:
        """Whether this grant may use a route of these areas (read or write)."""
        if self.is_session:
            return
        if not areas:
            raise Forbidden(SESSION_ONLY)
        for area in areas:
            if area == TASKS_AREA:
                self.require(TASKS_WRITE if writes else TASKS_READ)
            elif area == CHAT_AREA:
                self.require(CHAT)
            elif writes:  # PROFILE_AREA
                raise Forbidden(SESSION_ONLY)


def scope_string(scopes: Iterable[str]) -> str:
    """How scopes are stored: in the protocol's order, space separated."""
    chosen = set(scopes)
    return " ".join(scope for scope in SCOPES if scope in chosen)
