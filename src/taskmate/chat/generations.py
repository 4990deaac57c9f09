"""Generations as the engine records them: queued when a message needs an answer, asked to
stop durably. Running them (leases, streaming, honouring the stop) is the runner's job."""

from __future__ import annotations

import re
from datetime import datetime
from typing import cast

from sqlalchemy import Table, case, insert, update
from sqlalchemy.ext.asyncio import AsyncSession

from taskmate.chat.models import PENDING_GENERATION_STATUSES, Generation
from taskmate.db.base import new_id
from taskmate.events import ConversationEvent

_INSERT_GENERATION = insert(cast(Table, Generation.__table__))

MENTION = re.compile(r"(?<!\w)@assistant\b", re.IGNORECASE)


def assistant_answers(mode: str, content: str) -> bool:
    """``always`` answers every message, ``mention`` only those naming ``@assistant``."""
    if mode == "always":
        return True
    return mode == "mention" and MENTION.search(content) is not None


async def queue_generation(
    session: AsyncSession,
    *,
    conversation_id: str,
    reply_to_item_id: str,
    requested_by: str,
    now: datetime,
    generation_id: str | None = None,
) -> str:
    """Adds a ``queued`` generation answering ``reply_to_item_id``; returns its id."""
    generation_id = generation_id or new_id()
    await session.execute(
        _INSERT_GENERATION,
        {
            "id": generation_id,
            "conversation_id": conversation_id,
            "status": "queued",
            "reply_to_item_id": reply_to_item_id,
            "requested_by": requested_by,
            "created_at": now,
            "updated_at": now,
        },
    )
    return generation_id


async def request_stop(
    session: AsyncSession, conversation_id: str, now: datetime
) -> list[ConversationEvent]:
    """Marks every queued or running generation of the conversation as asked to stop, and
    returns the events that tell the runner holding one of them (the column is the truth;
    the event only makes the stop prompt). Queued ones are ``stopped`` at once: they never
    start."""
    stopped = list(
        await session.scalars(
            update(Generation)
            .where(
                Generation.conversation_id == conversation_id,
                Generation.status.in_(PENDING_GENERATION_STATUSES),
                Generation.stop_requested_at.is_(None),
            )
            .values(
                stop_requested_at=now,
                updated_at=now,
                status=case((Generation.status == "queued", "stopped"), else_=Generation.status),
            )
            .returning(Generation.id)
            .execution_options(synchronize_session=False)
        )
    )
    return [generation_event(conversation_id, generation_id, "stop") for generation_id in stopped]


def generation_event(conversation_id: str, generation_id: str, command: str) -> ConversationEvent:
    """``queued``: there is work to pick up; ``stop``: the generation should end."""
    return ConversationEvent(
        conversation_id=conversation_id,
        kind="generation",
        payload={"generation_id": generation_id, "command": command},
    )
