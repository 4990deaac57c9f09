"""Waiting for the answer to a choice, on any instance.

Whoever answers (``ItemActions.choose``, on whatever instance received the request) only
writes the choice item; its ``item`` event reaches the runner through the conversation's
channel, and the heartbeat wakes the waiter too, in case that event was lost. A wake-up only
makes the waiter look: the database decides. A choice expires when a user message was
written after it; the runner then marks it ``expired`` itself, unless the choice ``reads``
typed answers and that message, from the user it asks, reads as one of its options: then the
runner marks it ``chosen`` and ends the generation queued for that message unstarted.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from taskmate.chat.models import Generation
from taskmate.chat.responder import ChoiceAnswer, TypedAnswer


@dataclass(frozen=True, kw_only=True, slots=True)
class PendingChoice:
    item_id: str
    position: int
    for_user_id: str
    options: tuple[str, ...]
    reads: TypedAnswer | None = None

    def typed(self, author_id: str | None, text: str) -> str | None:
        """The option a message answers, if it is from the user asked and reads as one."""
        if self.reads is None or author_id != self.for_user_id:
            return None
        option = self.reads(text)
        return option if option in self.options else None


async def end_unstarted(session: AsyncSession, generation_id: str, now: datetime) -> None:
    """Ends a queued generation as ``completed`` before it starts: its message was a typed
    answer to a choice, which the generation that asked goes on answering."""
    await session.execute(
        update(Generation)
        .where(Generation.id == generation_id, Generation.status == "queued")
        .values(status="completed", updated_at=now)
        .execution_options(synchronize_session=False)
    )


Settle = Callable[[PendingChoice], Awaitable[ChoiceAnswer | None]]


class ChoiceAnswers:
    """The ``Answers`` of one generation. ``settle`` returns the answer once there is one
    (chosen, or expired), else None."""

    def __init__(self, settle: Settle) -> None:
        self._settle = settle
        self._last: PendingChoice | None = None
        self._wake = asyncio.Event()

    def expect(self, choice: PendingChoice) -> None:
        """The engine wrote this choice for the responder."""
        self._last = choice

    def wake(self) -> None:
        self._wake.set()

    def concerns(self, item: dict[str, Any]) -> bool:
        """Whether a change to this item (as an ``item`` event carries it) may settle the
        awaited choice: the choice itself, or a user's message after it."""
        if self._last is None:
            return False
        if item.get("id") == self._last.item_id:
            return True
        return item.get("role") == "user" and item.get("position", 0) > self._last.position

    async def choice(self) -> ChoiceAnswer:
        pending = self._last
        if pending is None:
            raise RuntimeError("answers.choice() awaits a Choice: yield one first")
        while True:
            self._wake.clear()
            # A stop cancels the responder here; the shield lets a write under way finish.
            answer = await asyncio.shield(self._settle(pending))
            if answer is not None:
                return answer
            await self._wake.wait()
