"""Waiting for the answer to a choice, on any instance.

Whoever answers (``ItemActions.choose``, on whatever instance received the request) only
writes the choice item; its ``item`` event reaches the runner through the conversation's
channel, and the heartbeat wakes the waiter too, in case that event was lost. A wake-up only
makes the waiter look: the database decides. A choice expires when a user message was
written after it; the runner then marks it ``expired`` itself.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from taskmate.chat.responder import ChoiceAnswer


@dataclass(frozen=True, kw_only=True, slots=True)
class PendingChoice:
    item_id: str
    position: int


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
