"""Writing the end of a generation: its message's final state and the items it left open.

Shared by the runner (completed, stopped, failed) and by the reaper and shutdown
(interrupted), inside the caller's transaction, which then ends the generation's lease.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from sqlalchemy import bindparam, select

from taskmate.chat.context import LogContext
from taskmate.chat.models import Item
from taskmate.chat.views import ItemView

Outcome = Literal["completed", "stopped", "failed", "interrupted"]

# How each kind of item that was still open ends, when its generation ends.
_CLOSED = {"step": "failed", "tool_call": "failed", "choice": "expired"}


_OPEN_ITEMS = (
    select(Item.id, Item.conversation_id, Item.type, Item.content)
    .where(
        Item.generation_id == bindparam("generation"),
        (Item.id == bindparam("message")) | Item.status.in_(("running", "pending")),
    )
    .order_by(Item.position)
    .with_for_update()
)


async def conclude(
    ctx: LogContext,
    *,
    generation_id: str,
    message_item_id: str,
    outcome: Outcome,
    content: Callable[[str], str],
) -> int:
    """Gives the message ``outcome`` as its status and ``content(last checkpoint)`` as its
    content, and closes the generation's steps, tool calls and choices that are still open
    (a step ends ``done`` when the generation completed). Returns the last ``seq`` it gave."""
    found = {"generation": generation_id, "message": message_item_id}
    last_seq = 0
    for row in (await ctx.session.execute(_OPEN_ITEMS, found)).all():
        status: str
        if row.id == message_item_id:
            status, text = outcome, content(row.content)
        else:
            done = row.type == "step" and outcome == "completed"
            status, text = ("done" if done else _CLOSED[row.type]), row.content
        ended = await end_item(ctx, row.conversation_id, row.id, status=status, content=text)
        last_seq = ended.seq
    return last_seq


async def end_item(
    ctx: LogContext, conversation_id: str, item_id: str, *, status: str, content: str
) -> Item:
    """Ends one item: how a generation that opened no other item than its message (the
    runner knows) ends, without reading anything first."""
    item = await ctx.log.end(conversation_id, item_id, status=status, content=content)
    ctx.record_item(ItemView(item=item, author_name=None))
    return item
