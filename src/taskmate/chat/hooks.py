"""What the application plugged into the engine implements (the assistant, for Taskmate).

The engine records that a tool call was undone; reversing what the tool changed is the
business of whoever owns the tool. Such an owner registers an ``UndoHandler`` per tool name
on the app (``app.state.chat_undo_handlers``, a mapping); a tool call with no handler cannot
be undone, whatever its ``undo_until`` says.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy.ext.asyncio import AsyncSession
from starlette.datastructures import State

from taskmate.events import Event

UNDO_HANDLERS_STATE = "chat_undo_handlers"


@dataclass(frozen=True, kw_only=True, slots=True)
class UndoRequest:
    """One tool call to reverse, for the user whose request made it (and who asks now)."""

    session: AsyncSession  # the transaction that also records the undo; do not commit it
    user_id: str
    conversation_id: str
    item_id: str
    name: str
    arguments: dict[str, Any]
    result: Any
    now: datetime


class UndoHandler(Protocol):
    async def undo(self, request: UndoRequest) -> Sequence[Event]:
        """Reverses the change within ``request.session`` and returns the events to publish
        once it commits. Raise an ``AppError`` (such as ``Conflict``) to refuse."""
        ...


UndoHandlers = Mapping[str, UndoHandler]


def undo_handlers(state: State) -> UndoHandlers:
    """The handlers registered on the app, or none."""
    registered: UndoHandlers = getattr(state, UNDO_HANDLERS_STATE, {})
    return registered
