"""SIGTERM on a real server process: ``/readyz`` turns 503 and new live connections are
refused, open WebSockets close with 1012 and event streams end, running generations finish
within ``TASKMATE_SHUTDOWN_TIMEOUT`` (or are marked interrupted after it), and the process
exits with status 0."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

from taskmate.chat.models import Item
from taskmate.client import Taskmate
from taskmate.client.socket import open_authenticated
from taskmate.config import Settings
from taskmate.db.engine import Database
from tests.db_backends import migrated_database
from tests.ops.slow_assistant_server import answer
from tests.server_process import API, WAIT, Server, running_server

SLOW_SERVER = ("-m", "tests.ops.slow_assistant_server")
Json = dict[str, Any]


@pytest.fixture
def database_url(tmp_path: Path) -> Iterator[str]:
    with migrated_database("sqlite", tmp_path) as url:
        yield url


async def _account(server: Server) -> tuple[dict[str, str], str]:
    """Bearer headers of a new account, and a conversation of theirs."""
    async with Taskmate(server.base_url, timeout=WAIT) as taskmate:
        email = f"drain-{uuid.uuid4().hex[:10]}@example.com"
        token = (await taskmate.register(email, "correct-horse")).access_token
        conversation = await taskmate.conversations.create()
    return {"Authorization": f"Bearer {token}"}, conversation.id


async def _socket(server: Server, headers: dict[str, str]) -> ClientConnection:
    token = headers["Authorization"].removeprefix("Bearer ")
    connection, _ready = await open_authenticated(server.ws_url, token, open_timeout=WAIT)
    return connection


async def _frame(connection: ClientConnection, kind: str) -> Json:
    while True:
        frame: Json = json.loads(await asyncio.wait_for(connection.recv(), WAIT))
        if frame["type"] == kind:
            return frame


async def _close_code(connection: ClientConnection) -> int | None:
    try:
        while True:
            await asyncio.wait_for(connection.recv(), WAIT)
    except ConnectionClosed as closed:
        return closed.rcvd.code if closed.rcvd else None


async def _read_stream(client: httpx.AsyncClient, url: str, headers: dict[str, str]) -> int:
    """Reads an event stream to its end; the number of lines it carried."""
    lines = 0
    async with client.stream("GET", url, headers=headers, timeout=WAIT * 3) as response:
        assert response.status_code == 200
        async for _line in response.aiter_lines():
            lines += 1
    return lines


async def _stored_message(database_url: str, item_id: str) -> Item:
    database = Database(Settings(database_url=database_url).resolved_database_url)
    try:
        async with database.session() as session:
            item = await session.get(Item, item_id)
            assert item is not None
            return item
    finally:
        await database.dispose()


async def _exit_status(server: Server, seconds: float) -> int:
    return await asyncio.to_thread(server.process.wait, seconds)


async def test_sigterm_drains_live_connections_and_lets_the_generation_finish(
    database_url: str, tmp_path: Path
) -> None:
    words = 40  # about 4 s of answer, well within the shutdown timeout
    with running_server(
        database_url,
        tmp_path,
        "drain",
        module=SLOW_SERVER,
        arguments=("--words", str(words), "--delay", "0.1"),
        env={"TASKMATE_SHUTDOWN_TIMEOUT": "20"},
    ) as server:
        async with httpx.AsyncClient(base_url=server.base_url, timeout=WAIT) as client:
            headers, conversation_id = await _account(server)
            socket = await _socket(server, headers)
            await socket.send(json.dumps({"type": "subscribe", "conversation_id": conversation_id}))
            await _frame(socket, "subscribed")
            events_url = f"{API}/conversations/{conversation_id}/events"
            stream = asyncio.create_task(_read_stream(client, events_url, headers))
            await socket.send(
                json.dumps(
                    {
                        "type": "send",
                        "conversation_id": conversation_id,
                        "client_id": str(uuid.uuid4()),
                        "content": "answer slowly",
                    }
                )
            )
            message_id = (await _frame(socket, "delta"))["item_id"]  # the answer is streaming

            os.kill(server.process.pid, signal.SIGTERM)

            assert await _close_code(socket) == 1012
            assert await asyncio.wait_for(stream, WAIT) > 0  # the stream ended by itself
            ready = await client.get("/readyz")
            assert ready.status_code == 503, ready.text
            assert ready.json()["error"]["code"] == "unavailable"
            with pytest.raises(InvalidStatus) as refused:
                await connect(server.ws_url, open_timeout=WAIT)
            assert refused.value.response.status_code == 503
            refused_stream = await client.get(events_url, headers=headers)
            assert refused_stream.status_code == 503
            assert refused_stream.json()["error"]["code"] == "unavailable"
            assert (await client.get("/healthz")).status_code == 200

            assert await _exit_status(server, 20 + WAIT) == 0
    message = await _stored_message(database_url, message_id)
    assert (message.status, message.content) == ("completed", answer(words))


async def test_generations_still_running_after_the_timeout_are_marked_interrupted(
    database_url: str, tmp_path: Path
) -> None:
    with running_server(
        database_url,
        tmp_path,
        "interrupt",
        module=SLOW_SERVER,
        arguments=("--words", "1000", "--delay", "0.1"),  # 100 s of answer
        env={"TASKMATE_SHUTDOWN_TIMEOUT": "1"},
    ) as server:
        async with httpx.AsyncClient(base_url=server.base_url, timeout=WAIT) as client:
            headers, conversation_id = await _account(server)
            socket = await _socket(server, headers)
            await socket.send(json.dumps({"type": "subscribe", "conversation_id": conversation_id}))
            await _frame(socket, "subscribed")
            sent = await client.post(
                f"{API}/conversations/{conversation_id}/messages",
                json={"client_id": str(uuid.uuid4()), "content": "never finishes"},
                headers=headers,
            )
            assert sent.status_code == 201, sent.text
            message_id = (await _frame(socket, "delta"))["item_id"]

            os.kill(server.process.pid, signal.SIGTERM)

            assert await _close_code(socket) == 1012
            assert await _exit_status(server, 1 + WAIT) == 0
    message = await _stored_message(database_url, message_id)
    assert message.status == "interrupted"
    assert message.content.startswith("word0")  # the text it had so far is kept
