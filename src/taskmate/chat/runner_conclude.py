"""Writing the end of a generation: its message's final state and the items it left open.

Shared by the runner (completed, stopped, failed) and by the reaper and shutdown
(interrupted), inside the caller's transaction, which then ends the generation's lease.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from sqlalchemy import select

from taskmate.chat.context import LogContext
from taskmate.chat.models import Item
from taskmate.chat.views import ItemView

Outcome = Literal["completed", "stopped", "failed", "interrupted"]

# How each kind of item that was still open ends, when its generation ends.
_CLOSED = {"step": "failed", "tool_call": "failed", "choice": "expired"}


async def conclude(
    ctx: LogContext,
    *,
    generation_id: str,
    message_item_id: str,
    outcome: Outcome,
    content: Callable[[str], str],
) -> None:
    """Gives the message ``outcome`` as its status and ``content(last checkpoint)`` as its
    content, and closes the generation's steps, tool calls and choices that are still open
    (a step ends ``done`` when the generation completed)."""
    open_items = list(
        await ctx.session.scalars(
            select(Item)
            .where(
                Item.generation_id == generation_id,
                (Item.id == message_item_id) | Item.status.in_(("running", "pending")),
            )
            .order_by(Item.position)
            .with_for_update()
        )
    )
    for item in open_items:
        if item.id == message_item_id:
            item.content = content(item.content)
            item.status = outcome
        elif item.type == "step" and outcome == "completed":
            item.status = "done"
        else:
            item.status = _CLOSED[item.type]
        await ctx.log.touch(item)
        ctx.record_item(ItemView(item=item, author_name=None))
