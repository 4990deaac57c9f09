"""The changes MCP tools made, and ``undo``: the user's latest change made through MCP that
can still be undone (10 minutes, as in the chat), reversed by the assistant's own undo
handlers. Kept in the database, so an undo works on whichever instance it reaches."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import select

from taskmate.assistant.confirm import UNDO_WINDOW
from taskmate.assistant.latest_undo import NOTHING_TO_UNDO, NotUndone, Undone
from taskmate.assistant.undo import UNDO_HANDLERS
from taskmate.chat.hooks import UndoRequest
from taskmate.db.engine import Database
from taskmate.errors import AppError
from taskmate.events import EventPublisher
from taskmate.mcp.models import McpChange


class McpJournal:
    def __init__(
        self, *, database: Database, clock: Callable[[], datetime], publisher: EventPublisher
    ) -> None:
        self._database = database
        self._clock = clock
        self._publisher = publisher

    async def record(self, user_id: str, name: str, result: dict[str, Any]) -> datetime | None:
        """Keeps a change that can be undone; until when it can be (None: it cannot)."""
        if name not in UNDO_HANDLERS:
            return None
        now = self._clock()
        async with self._database.session(write=True) as session:
            change = McpChange(
                user_id=user_id,
                name=name,
                result=result,
                created_at=now,
                undo_until=now + UNDO_WINDOW,
            )
            session.add(change)
            await session.commit()
        return change.undo_until

    async def undo_latest(self, user_id: str) -> Undone | NotUndone:
        now = self._clock()
        async with self._database.session(write=True) as session:
            change = await session.scalar(
                select(McpChange)
                .where(
                    McpChange.user_id == user_id,
                    McpChange.undone_at.is_(None),
                    McpChange.undo_until > now,
                )
                .order_by(McpChange.created_at.desc())
                .limit(1)
                .with_for_update()
            )
            if change is None:
                return NotUndone(reason=NOTHING_TO_UNDO)
            request = UndoRequest(
                session=session,
                user_id=user_id,
                conversation_id="",
                item_id=change.id,
                name=change.name,
                arguments={},
                result=change.result,
                now=now,
            )
            try:
                events = await UNDO_HANDLERS[change.name].undo(request)
            except AppError as error:
                return NotUndone(reason=f"I couldn't undo that: {error.message}")
            change.undone_at = now
            await session.commit()
        await self._publisher.publish(events)
        return Undone(name=change.name, result=change.result)
