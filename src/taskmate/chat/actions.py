"""Answering the assistant's items: choosing an option of a choice, undoing a tool call."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from taskmate.api.types import format_timestamp
from taskmate.chat.access import membership
from taskmate.chat.context import ChatContext
from taskmate.chat.errors import item_not_found
from taskmate.chat.hooks import UndoHandlers, UndoRequest
from taskmate.chat.models import Generation, Item
from taskmate.chat.subjects import announce_undone
from taskmate.chat.views import ItemView
from taskmate.errors import Conflict, Forbidden, ValidationFailed

CANNOT_UNDO = "This change cannot be undone."


class ItemActions:
    def __init__(self, ctx: ChatContext, *, undo_handlers: UndoHandlers) -> None:
        self._ctx = ctx
        self._db = ctx.session
        self._undo_handlers = undo_handlers

    async def choose(self, conversation_id: str, item_id: str, option: str) -> ItemView:
        """Answers a pending choice meant for the caller; it can be answered once."""
        item = await self._item(conversation_id, item_id, "choice")
        data = item.data
        if data.get("for_user_id") != self._ctx.actor.user_id:
            raise Forbidden("This question is for another participant; only they can answer it.")
        if item.status != "pending":
            raise Conflict(f"This question can no longer be answered: it is {item.status}.")
        options = [choice.get("id") for choice in data.get("options", [])]
        if option not in options:
            raise ValidationFailed.field(
                "option", f"is not one of this question's options ({', '.join(map(str, options))})"
            )
        item.status = "chosen"
        item.data = {**data, "chosen": option}
        return await self._save(item)

    async def undo(self, conversation_id: str, item_id: str) -> ItemView:
        """Reverses a tool call's change, for the user whose request made it, until its
        ``undo_until``. Undoing it again returns it unchanged."""
        item = await self._item(conversation_id, item_id, "tool_call")
        requested_by = None
        if item.generation_id is not None:
            requested_by = await self._db.scalar(
                select(Generation.requested_by).where(Generation.id == item.generation_id)
            )
        user_id = self._ctx.actor.user_id
        if requested_by != user_id:
            raise Forbidden("Only the person whose request made this change can undo it.")
        data = item.data
        if data.get("undone_at") is not None:
            return ItemView(item=item, author_name=None)
        now = self._ctx.now()
        refusal = undo_refusal(item, self._undo_handlers, now)
        if refusal is not None:
            raise refusal
        handler = self._undo_handlers[data["name"]]
        request = UndoRequest(
            session=self._db,
            user_id=user_id,
            conversation_id=conversation_id,
            item_id=item.id,
            name=data["name"],
            arguments=data.get("arguments", {}),
            result=data.get("result"),
            now=now,
        )
        for event in await handler.undo(request):
            self._ctx.record(event)
        item.data = {**data, "undone_at": format_timestamp(now)}
        await announce_undone(self._ctx, item, requested_by=user_id)
        return await self._save(item)

    async def _item(self, conversation_id: str, item_id: str, item_type: str) -> Item:
        """The item of that type in a conversation the caller may write to."""
        found = await membership(self._db, conversation_id, self._ctx.actor.user_id)
        found.require_active()
        # Locked until commit: the generation runner may expire a choice or close a tool
        # call concurrently, and only one of the two changes may win.
        item = await self._db.scalar(
            select(Item)
            .where(
                Item.id == item_id, Item.conversation_id == conversation_id, Item.type == item_type
            )
            .with_for_update()
        )
        if item is None:
            raise item_not_found("choice" if item_type == "choice" else "tool call")
        return item

    async def _save(self, item: Item) -> ItemView:
        await self._ctx.log.touch(item)
        view = ItemView(item=item, author_name=None)
        self._ctx.record_item(view)
        await self._ctx.commit()
        return view


def undo_refusal(item: Item, handlers: UndoHandlers, now: datetime) -> Conflict | None:
    """Why this tool call cannot be undone at ``now`` (whoever asks), or None when it can;
    a call undone already is not checked here."""
    data = item.data
    deadline = _instant(data.get("undo_until"))
    if deadline is None or data.get("name") not in handlers or item.status != "succeeded":
        return Conflict(CANNOT_UNDO)
    if now > deadline:
        return Conflict("The time to undo this change has passed.")
    return None


def _instant(value: object) -> datetime | None:
    return datetime.fromisoformat(value) if isinstance(value, str) else None
