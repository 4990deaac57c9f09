"""What the conversation already showed the user: the tasks of their earlier tool calls.

"the second one" counts in the last list shown to them; "it" and "them" are the tasks their
last tool call touched.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from taskmate.chat.models import Generation, Item
from taskmate.db.engine import Database

Json = dict[str, Any]
LOOK_BACK = 20  # tool calls


@dataclass(frozen=True, kw_only=True, slots=True)
class Recall:
    listed: list[Json] = field(default_factory=list)
    touched: list[Json] = field(default_factory=list)


async def recall(database: Database, conversation_id: str, user_id: str) -> Recall:
    async with database.session() as session:
        rows = await session.scalars(
            select(Item.data)
            .join(Generation, Generation.id == Item.generation_id)
            .where(
                Item.conversation_id == conversation_id,
                Item.type == "tool_call",
                Item.status == "succeeded",
                Generation.requested_by == user_id,
            )
            .order_by(Item.position.desc())
            .limit(LOOK_BACK)
        )
        calls = [data for data in rows if isinstance(data.get("result"), dict)]
    listed: list[Json] = next(
        (c["result"]["tasks"] for c in calls if c.get("name") == "find_tasks"), []
    )
    touched: list[Json] = next(
        (c["result"]["tasks"] for c in calls if c["result"].get("tasks")), []
    )
    return Recall(listed=listed, touched=touched)
