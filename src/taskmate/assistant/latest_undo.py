"""Undo by words ("undo that", "oops"): the user's latest change in the conversation that can
still be undone, reversed through the same ``ItemActions.undo`` as the Undo button, so its
tool card gets ``undone_at`` and the task events go out alike."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from taskmate.assistant.undo import UNDO_HANDLERS
from taskmate.chat.actions import ItemActions
from taskmate.chat.context import Actor, ChatContext
from taskmate.chat.models import Generation, Item
from taskmate.chat.responder import TurnUser
from taskmate.db.engine import Database
from taskmate.errors import AppError
from taskmate.events import EventPublisher

# A conversation's calls looked at, newest first: older ones are past their window anyway.
_RECENT_CALLS = 50


@dataclass(frozen=True, kw_only=True, slots=True)
class Undone:
    """The change reversed: the tool's name and its result (what it had changed)."""

    name: str
    result: dict[str, Any]


@dataclass(frozen=True, kw_only=True, slots=True)
class NotUndone:
    """Nothing was reversed; ``reason`` says why, for people."""

    reason: str


UNDO_STEP = "Undoing your last change"
NOTHING_TO_UNDO = "There's nothing I can undo right now: changes can be undone for 10 minutes."


class LatestUndo:
    def __init__(
        self, *, database: Database, clock: Callable[[], datetime], publisher: EventPublisher
    ) -> None:
        self._database = database
        self._clock = clock
        self._publisher = publisher

    async def undo(self, conversation_id: str, user: TurnUser) -> Undone | NotUndone:
        async with self._database.session(write=True) as session:
            ctx = ChatContext(
                session,
                actor=Actor(user_id=user.user_id, name=user.name),
                clock=self._clock,
                publisher=self._publisher,
            )
            call = await self._latest(ctx, conversation_id)
            if call is None:
                return NotUndone(reason=NOTHING_TO_UNDO)
            try:
                view = await ItemActions(ctx, undo_handlers=UNDO_HANDLERS).undo(
                    conversation_id, call.id
                )
            except AppError as error:
                return NotUndone(reason=f"I couldn't undo that: {error.message}")
        data = view.item.data
        return Undone(name=data["name"], result=data.get("result") or {})

    async def _latest(self, ctx: ChatContext, conversation_id: str) -> Item | None:
        calls = await ctx.session.scalars(
            select(Item)
            .join(Generation, Generation.id == Item.generation_id)
            .where(
                Item.conversation_id == conversation_id,
                Item.type == "tool_call",
                Item.status == "succeeded",
                Generation.requested_by == ctx.actor.user_id,
            )
            .order_by(Item.position.desc())
            .limit(_RECENT_CALLS)
        )
        now = ctx.now()
        for call in calls:
            data = call.data
            until = data.get("undo_until")
            if (
                data.get("undone_at") is None
                and data.get("name") in UNDO_HANDLERS
                and isinstance(until, str)
                and datetime.fromisoformat(until) > now
            ):
                return call
        return None


def _names(items: list[dict[str, Any]], key: str) -> str:
    names = [f"“{item[key]}”" for item in items]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def undone_reply(outcome: Undone | NotUndone) -> str:
    """What to tell the user: what is as it was again, or why nothing changed."""
    if isinstance(outcome, NotUndone):
        return outcome.reason
    result = outcome.result
    tasks, projects = result.get("tasks", []), result.get("projects", [])
    if outcome.name == "add_tasks":
        return f"Undone: I removed {_names(tasks, 'title')}."
    if outcome.name == "delete_tasks":
        return f"Undone: {_names(tasks, 'title')} {'is' if len(tasks) == 1 else 'are'} back."
    if outcome.name == "add_project":
        return f"Undone: I removed the list {_names(projects, 'name')}."
    if outcome.name == "delete_project":
        return f"Undone: the list {_names(projects, 'name')} is back."
    if outcome.name == "update_project":
        return f"Undone: the list {_names(result['previous'], 'name')} is back as it was."
    before = result.get("previous", tasks)
    back = "is back as it was" if len(before) == 1 else "are back as they were"
    return f"Undone: {_names(before, 'title')} {back}."
