"""Two instances sharing PostgreSQL and Redis, as several workers or machines do."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
import redis.asyncio

from taskmate.api.runtime import LivePolicy
from taskmate.app import create_app
from taskmate.assistant.wiring import AssistantPolicy
from taskmate.broker import RedisBroker
from taskmate.config import Settings
from tests.chat.helpers import create_conversation, get_items, send, share
from tests.chat.transports.sockets import Json, signed_in
from tests.chat.transports.test_ws_resume import items_until
from tests.conftest import MakeUser
from tests.live_server import LiveServer, serving, until

pytestmark = pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)


@pytest.fixture
def settings_overrides(redis_url: str) -> dict[str, Any]:
    return {"redis_url": redis_url, "rate_messages_per_minute": 0, "max_connections_per_user": 3}


@pytest.fixture
async def other(
    settings: Settings,
    live_policy: LivePolicy,
    assistant_policy: AssistantPolicy,
    server: LiveServer,
) -> AsyncIterator[LiveServer]:
    """A second instance of the app, with its own broker, beside ``server``."""
    second_app = create_app(settings, live=live_policy, assistant=assistant_policy)
    async with serving(second_app, settings, lifespan=True) as second:
        brokers = [server.runtime.events, second.runtime.events]
        await until(lambda: all(isinstance(b, RedisBroker) and b.connected for b in brokers))
        yield second


async def test_a_message_sent_on_one_instance_reaches_a_subscriber_on_the_other(
    server: LiveServer, other: LiveServer, make_user: MakeUser, client: httpx.AsyncClient
) -> None:
    owner, member = await make_user(), await make_user()
    conversation = await create_conversation(client, owner)
    cid = conversation["id"]
    await share(client, owner, cid, member)
    async with signed_in(server, owner) as here, signed_in(other, member) as there:
        await there.subscribe(cid)
        ack = await here.send_message(cid, "across")
        item = (await there.next("item"))["item"]
        assert (item["id"], item["content"]) == (ack["item_id"], "across")
        await there.send({"type": "typing", "conversation_id": cid, "active": True})
        await here.subscribe(cid)
        assert (await here.next("typing"))["user_id"] == member.id


async def test_presence_spans_instances(
    server: LiveServer, other: LiveServer, make_user: MakeUser, client: httpx.AsyncClient
) -> None:
    owner, member = await make_user(), await make_user()
    conversation = await create_conversation(client, owner)
    cid = conversation["id"]
    await share(client, owner, cid, member)
    async with signed_in(server, owner) as here:
        await here.subscribe(cid)
        assert (await here.expect("presence"))["online"] == [owner.id]
        async with signed_in(other, member) as there:
            await there.subscribe(cid)
            assert (await here.expect("presence"))["online"] == sorted([owner.id, member.id])
        assert (await here.expect("presence"))["online"] == [owner.id]


async def test_the_connection_limit_spans_instances(
    server: LiveServer, other: LiveServer, make_user: MakeUser
) -> None:
    user = await make_user()
    async with (
        signed_in(server, user),
        signed_in(other, user),
        signed_in(server, user),
        signed_in(other, user, expect_ready=False) as fourth,
    ):
        assert await fourth.close_code() == 4429


async def test_resuming_on_another_instance_reconstructs_the_log(
    server: LiveServer, other: LiveServer, make_user: MakeUser, client: httpx.AsyncClient
) -> None:
    user = await make_user()
    conversation = await create_conversation(client, user)
    cid = conversation["id"]
    seen: dict[str, Json] = {}
    async with signed_in(server, user) as here:
        await here.subscribe(cid, after_seq=0)
        for n in range(3):
            await send(client, user, cid, f"before {n}")
        seen.update((item["id"], item) for item in await items_until(here, 3))
    for n in range(3):
        await send(client, user, cid, f"while away {n}")
    async with signed_in(other, user) as there:
        frames = await there.subscribe(cid, after_seq=3)
    seen.update((f["item"]["id"], f["item"]) for f in frames if f["type"] == "item")
    server_state = (await get_items(client, user, cid, after_seq=0))["items"]
    assert sorted(seen.values(), key=lambda item: item["seq"]) == server_state


async def test_live_delivery_recovers_from_lost_redis_connections_without_losing_items(
    server: LiveServer,
    other: LiveServer,
    make_user: MakeUser,
    client: httpx.AsyncClient,
    redis_url: str,
) -> None:
    writer, reader = await make_user(), await make_user()
    conversation = await create_conversation(client, writer)
    cid = conversation["id"]
    await share(client, writer, cid, reader)
    messages = 30
    async with signed_in(other, reader) as there, redis.asyncio.Redis.from_url(redis_url) as admin:
        await there.subscribe(cid)

        async def write() -> None:
            for n in range(messages):
                await send(client, writer, cid, f"message {n}")
                if n in (10, messages - 1):  # mid-stream, and right before the tail
                    await admin.client_kill_filter(_type="pubsub")
                await asyncio.sleep(0)

        writing = asyncio.create_task(write())
        items = await items_until(there, messages)
        await writing
    seqs = [item["seq"] for item in items]
    assert seqs == sorted(set(seqs))  # in order, no duplicate
    assert set(seqs) == set(range(1, messages + 1))
