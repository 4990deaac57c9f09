"""Replay and live delivery meet without a gap or a duplicate, and a client resuming with
its last seq ends with exactly the server's state."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import update

from taskmate.api.runtime import Runtime
from taskmate.auth.models import AuthSession
from taskmate.chat.live import log_reader
from taskmate.chat.live.streaming import STREAM_STORE_STATE
from taskmate.chat.log import ItemDraft
from taskmate.chat.models import Generation
from taskmate.events import resync_event
from tests.chat.helpers import append_item, create_conversation, get_items, send, share, url
from tests.chat.test_actions import add_choice
from tests.chat.transports.sockets import Json, Socket, signed_in
from tests.conftest import MakeUser
from tests.live_server import LiveServer

MESSAGES = 40


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    return {"rate_messages_per_minute": 0}


async def items_until(socket: Socket, seq: int) -> list[Json]:
    """The items of the item frames received until one has this seq."""
    items: list[Json] = []
    while not items or items[-1]["seq"] < seq:
        frame = await socket.receive()
        if frame["type"] == "item":
            items.append(frame["item"])
    return items


async def test_replay_meets_live_items_while_another_client_writes(
    server: LiveServer, make_user: MakeUser, client: httpx.AsyncClient, runtime: Runtime
) -> None:
    reader, writer = await make_user(), await make_user()
    conversation = await create_conversation(client, writer)
    cid = conversation["id"]
    await share(client, writer, cid, reader)

    async def write() -> None:
        for n in range(MESSAGES):
            await send(client, writer, cid, f"message {n}")

    async with (
        signed_in(server, reader) as socket,
        runtime.events.subscribe_conversation(cid) as events,
    ):
        writing = asyncio.create_task(write())
        written = 0
        while written < MESSAGES // 4:  # subscribe while the writes are under way
            written += (await asyncio.wait_for(events.get(), 5)).kind == "item"
        await socket.send({"type": "subscribe", "conversation_id": cid, "after_seq": 0})
        items = await items_until(socket, MESSAGES)
        await writing
    assert [item["seq"] for item in items] == list(range(1, MESSAGES + 1))


async def test_resuming_with_the_last_seq_reconstructs_the_log(
    server: LiveServer, make_user: MakeUser, client: httpx.AsyncClient, runtime: Runtime
) -> None:
    user = await make_user()
    conversation = await create_conversation(client, user)
    cid = conversation["id"]
    choice = await add_choice(runtime, cid, user)
    seen: dict[str, Json] = {}
    async with signed_in(server, user) as socket:
        for frame in await socket.subscribe(cid, after_seq=0):
            if frame["type"] == "item":
                seen[frame["item"]["id"]] = frame["item"]
        for n in range(3):
            await send(client, user, cid, f"before {n}")
        for item in await items_until(socket, 4):
            seen[item["id"]] = item
    last_seq = max(item["seq"] for item in seen.values())
    for n in range(2):
        await send(client, user, cid, f"while away {n}")
    chosen = await client.post(
        url(cid, f"/items/{choice}/choose"), json={"option": "cancel"}, headers=user.headers
    )
    assert chosen.status_code == 200
    async with signed_in(server, user) as socket:
        for frame in await socket.subscribe(cid, after_seq=last_seq):
            if frame["type"] == "item":
                seen[frame["item"]["id"]] = frame["item"]
    server_state = (await get_items(client, user, cid, after_seq=0, limit=200))["items"]
    assert sorted(seen.values(), key=lambda item: item["seq"]) == server_state


async def test_a_skipped_seq_is_read_from_the_database(
    server: LiveServer, make_user: MakeUser, client: httpx.AsyncClient, runtime: Runtime
) -> None:
    user = await make_user()
    conversation = await create_conversation(client, user)
    cid = conversation["id"]
    async with signed_in(server, user) as socket:
        await socket.subscribe(cid)
        await append_item(runtime, cid, ItemDraft(type="step", status="done"))  # never published
        await send(client, user, cid)
        assert [item["seq"] for item in await items_until(socket, 2)] == [1, 2]


async def test_a_resync_reads_what_the_broker_may_have_lost(
    server: LiveServer, make_user: MakeUser, client: httpx.AsyncClient, runtime: Runtime
) -> None:
    user = await make_user()
    conversation = await create_conversation(client, user)
    cid = conversation["id"]
    async with signed_in(server, user) as socket:
        await socket.subscribe(cid)
        step = await append_item(runtime, cid, ItemDraft(type="step", status="done"))
        await runtime.events.publish([resync_event(conversation_id=cid)])
        [item] = await items_until(socket, 1)
        assert (item["id"], item["seq"]) == (step, 1)


async def test_a_resync_closes_the_socket_of_a_session_that_ended_meanwhile(
    server: LiveServer, make_user: MakeUser, runtime: Runtime
) -> None:
    user = await make_user()
    async with signed_in(server, user) as socket:
        async with runtime.database.session(write=True) as session:
            await session.execute(update(AuthSession).values(revoked_at=runtime.clock()))
            await session.commit()
        await runtime.events.publish([resync_event(user_id=user.id)])
        assert await socket.close_code() == 4401


class StreamStore:
    def __init__(self, texts: dict[str, str]) -> None:
        self.texts = texts

    async def read(self, item_id: str) -> str | None:
        return self.texts.get(item_id)


async def test_messages_still_streaming_come_with_their_text_so_far(
    server: LiveServer,
    make_user: MakeUser,
    client: httpx.AsyncClient,
    runtime: Runtime,
    app: FastAPI,
) -> None:
    user = await make_user()
    conversation = await create_conversation(client, user)
    cid = conversation["id"]
    generation_id = (await send(client, user, cid))["generation_id"]
    draft = ItemDraft(
        type="message",
        status="streaming",
        role="assistant",
        content="Hel",
        generation_id=generation_id,
    )
    streaming = await append_item(runtime, cid, draft)
    async with runtime.database.session(write=True) as session:  # as the runner would
        await session.execute(
            update(Generation)
            .where(Generation.id == generation_id)
            .values(status="running", message_item_id=streaming)
        )
        await session.commit()
    setattr(app.state, STREAM_STORE_STATE, StreamStore({streaming: "Hello, wor"}))
    async with signed_in(server, user) as socket:
        for after_seq in (None, 2):
            frames = await socket.subscribe(cid, after_seq)
            items = [frame["item"] for frame in frames if frame["type"] == "item"]
            assert [(item["id"], item["content"]) for item in items] == [(streaming, "Hello, wor")]
            assert frames[-1]["last_seq"] == 2


async def test_a_resume_longer_than_a_page_arrives_whole_and_in_order(
    server: LiveServer,
    make_user: MakeUser,
    client: httpx.AsyncClient,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(log_reader, "PAGE_SIZE", 3)
    user = await make_user()
    cid = (await create_conversation(client, user))["id"]
    for n in range(10):
        await send(client, user, cid, f"message {n}")
    async with signed_in(server, user) as socket:
        frames = await socket.subscribe(cid, after_seq=2)
    items = [frame["item"] for frame in frames if frame["type"] == "item"]
    assert [item["seq"] for item in items] == list(range(3, 11))
    assert frames[-1] == {"type": "subscribed", "conversation_id": cid, "last_seq": 10}
