"""Writers lock rows in one order (items, the conversation, generations) so that two of them
never wait for each other. Checked on PostgreSQL, where row locks are real."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from sqlalchemy import select, text, update

from taskmate.api.runtime import Runtime
from taskmate.chat.models import Conversation, Generation
from tests.chat.helpers import create_conversation, send, url
from tests.conftest import MakeUser

pytestmark = pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)

WAITING_ON_A_LOCK = text(
    "SELECT count(*) FROM pg_stat_activity"
    " WHERE datname = current_database() AND wait_event_type = 'Lock'"
)


async def until_a_writer_waits(runtime: Runtime) -> None:
    async with asyncio.timeout(10), runtime.database.session() as session:
        while not await session.scalar(WAITING_ON_A_LOCK):
            await session.rollback()  # a fresh snapshot of pg_stat_activity
            await asyncio.sleep(0.01)


async def test_a_stop_waits_for_the_conversation_before_it_locks_a_generation(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    """A claim holds the conversation while it starts the generation; a stop that took the
    generation first and then waited for the conversation would deadlock with it."""
    user = await make_user()
    conversation_id = (await create_conversation(client, user))["id"]
    generation_id = (await send(client, user, conversation_id, "answer me"))["generation_id"]

    async with runtime.database.session(write=True) as claim:
        await claim.execute(
            select(Conversation.id)
            .where(Conversation.id == conversation_id)
            .with_for_update(key_share=True)
        )
        stop = asyncio.create_task(client.post(url(conversation_id, "/stop"), headers=user.headers))
        await until_a_writer_waits(runtime)
        await claim.execute(text("SET LOCAL lock_timeout = '5s'"))
        await claim.execute(
            update(Generation).where(Generation.id == generation_id).values(status="running")
        )
        await claim.commit()

    response = await stop
    assert response.status_code == 200, response.text
    assert response.json() == {"stopped": True}
