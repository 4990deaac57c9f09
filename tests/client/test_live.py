"""The live socket through the client: subscribe, send with its outbox, stream, resume."""

from __future__ import annotations

import asyncio
import json
import socket
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
import pytest
from fastapi import FastAPI
from websockets.asyncio.server import ServerConnection, serve

from taskmate.client import Live, Taskmate, TaskmateError
from taskmate.client.frames import Delta, ItemChanged, Json, Reconnecting, Resumed
from taskmate.config import Settings
from tests.client.story import STORY
from tests.live_server import LiveServer, free_listener, serving

WAIT = 10.0


async def answered(live: Live, conversation_id: str) -> list[str]:
    """Reads events until the one that completes the conversation's answer; returns the
    kinds of events seen. The event itself is the end, not the transcript: the reader may
    have applied every frame before the test reads the first event."""
    kinds: list[str] = []
    while True:
        event = await live.next()
        kinds.append(type(event).__name__)
        if (
            isinstance(event, ItemChanged)
            and event.conversation_id == conversation_id
            and event.item.role == "assistant"
            and event.item.status == "completed"
        ):
            return kinds


@asynccontextmanager
async def restarted(app: FastAPI, settings: Settings, port: int) -> AsyncIterator[LiveServer]:
    """The same app served again on the port its clients know."""
    listener = free_listener(port)
    try:
        async with serving(app, settings, lifespan=False, listener=listener) as live:
            yield live
    finally:
        listener.close()


async def test_a_sent_message_is_acknowledged_and_its_answer_streams(taskmate: Taskmate) -> None:
    conversation = await taskmate.conversations.create()
    async with taskmate.live() as live:
        subscribed = await live.subscribe(conversation.id)
        assert subscribed.last_seq == 0
        client_id = await live.send(conversation.id, "add buy milk tomorrow at 5pm")
        ack = await live.acked(client_id)
        kinds = await answered(live, conversation.id)
        transcript = live.transcript(conversation.id)
    assert ack.client_id == client_id and not live.outbox
    assert {"ItemChanged", "Ack"} <= set(kinds)
    items = transcript.in_order()
    assert [item.type for item in items][:2] == ["message", "message"]
    assert any(item.type == "tool_call" and item.status == "succeeded" for item in items)
    answer = transcript.last_message()
    assert answer is not None and "milk" in answer.content.lower()
    server_items = (await taskmate.conversations.changes(conversation.id)).items
    assert {item.id: item.seq for item in server_items} == {
        item.id: item.seq for item in transcript.items.values()
    }


async def test_deltas_carry_the_streaming_text(taskmate: Taskmate) -> None:
    conversation = await taskmate.conversations.create()
    async with taskmate.live() as live:
        await live.subscribe(conversation.id)
        await live.send(conversation.id, "tell me a story")
        deltas: list[Delta] = []
        while not (
            (last := live.transcript(conversation.id).last_message())
            and last.role == "assistant"
            and last.status == "completed"
        ):
            event = await live.next()
            if isinstance(event, Delta):
                deltas.append(event)
    assert len(deltas) > 1 and all(delta.item is not None for delta in deltas)
    assert last.content == STORY
    assert deltas[-1].item is not None and STORY.startswith(deltas[-1].item.content)


async def test_the_outbox_sends_each_message_exactly_once_across_a_reconnect(
    app: FastAPI,
    settings: Settings,
    listener: socket.socket,
    server: LiveServer,
    taskmate: Taskmate,
) -> None:
    port = listener.getsockname()[1]
    conversation = await taskmate.conversations.create(assistant="off")
    async with taskmate.live(max_backoff=0.2) as live:
        await live.subscribe(conversation.id)
        first = await live.send(conversation.id, "before the restart")
        await live.acked(first)
        server.server.should_exit = True  # the server goes away...
        while not isinstance(await live.next(), Reconnecting):
            pass
        offline = [await live.send(conversation.id, f"offline {n}") for n in range(2)]
        assert set(live.outbox) == set(offline)
        async with restarted(app, settings, port):  # ...and comes back on the same port
            while not isinstance(await live.next(), Resumed):
                pass
            acks = [await live.acked(client_id) for client_id in offline]
            again = await live.send(conversation.id, "offline 0", client_id=offline[0])
            assert (await live.acked(again)).item_id == acks[0].item_id
            async with asyncio.timeout(WAIT):  # the resend's own ack empties the outbox
                while live.outbox:
                    await live.next()
            items = (await taskmate.conversations.changes(conversation.id)).items
    sent = [str(item.client_id) for item in items if item.role == "user"]
    assert sorted(sent) == sorted([first, *offline])  # each once, none lost
    assert not live.outbox


async def test_after_a_reconnect_the_client_resumes_from_its_last_seq(
    app: FastAPI,
    settings: Settings,
    listener: socket.socket,
    server: LiveServer,
    taskmate: Taskmate,
) -> None:
    port = listener.getsockname()[1]
    conversation = await taskmate.conversations.create(assistant="off")
    async with taskmate.live(max_backoff=0.2) as live:
        await live.subscribe(conversation.id)
        await live.acked(await live.send(conversation.id, "one"))
        while live.transcript(conversation.id).last_seq < 1:
            await live.next()
        server.server.should_exit = True
        while not isinstance(await live.next(), Reconnecting):
            pass
        missed = str(uuid.uuid4())  # written while this client was away, in the process
        in_process = httpx.ASGITransport(app=app)
        async with Taskmate(server.http, taskmate.token, transport=in_process) as direct:
            await direct.conversations.send(conversation.id, "two", client_id=missed)
        replayed: list[ItemChanged] = []
        async with restarted(app, settings, port):
            while missed not in live.transcript(conversation.id).client_ids():
                event = await live.next()
                if isinstance(event, ItemChanged):
                    replayed.append(event)
        transcript = live.transcript(conversation.id)
    assert [event.item.client_id for event in replayed] == [missed]  # only what was missed
    assert [item.content for item in transcript.messages()] == ["one", "two"]
    assert transcript.last_seq == 2


async def test_a_revoked_or_wrong_token_is_refused_not_retried(server: LiveServer) -> None:
    async with Taskmate(server.http, "tm_pat_" + "x" * 43) as taskmate:
        with pytest.raises(TaskmateError) as refused:
            async with taskmate.live():
                pass
    assert refused.value.code == "unauthorized"


async def test_a_message_refused_for_now_is_sent_again_and_acknowledged_once() -> None:
    """A scripted server says ``unavailable`` to the first send (its database is down) and
    acknowledges the second: the message stays in the outbox in between."""
    sends: list[Json] = []

    async def peer(connection: ServerConnection) -> None:
        await connection.recv()  # the auth frame
        await connection.send(json.dumps({"type": "ready", "connection_id": "c", "user_id": "u"}))
        async for raw in connection:
            frame = json.loads(raw)
            sends.append(frame)
            if len(sends) == 1:
                refusal = {
                    "code": "unavailable",
                    "message": "Try again.",
                    "ref": frame["client_id"],
                }
                await connection.send(json.dumps({"type": "error", **refusal}))
            else:
                ack = {"client_id": frame["client_id"], "item_id": "i", "seq": 1}
                await connection.send(json.dumps({"type": "ack", **ack}))

    async with serve(peer, "127.0.0.1", 0) as server:
        port = server.sockets[0].getsockname()[1]
        async with Live(f"ws://127.0.0.1:{port}", "token", max_backoff=0.01) as live:
            client_id = await live.send("conversation", "add milk")
            async with asyncio.timeout(WAIT):
                ack = await live.acked(client_id)
    assert ack.client_id == client_id and not live.outbox
    assert [frame["client_id"] for frame in sends] == [client_id, client_id]
