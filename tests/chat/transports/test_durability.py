"""Guarantee 1: an acknowledged message (ack frame or 201) survives ``kill -9`` of the server.

The server runs as a real ``python -m taskmate serve`` child process; right after the
acknowledgements it is killed with SIGKILL (no shutdown of any kind), restarted on the same
database, and the messages must be there, and their ``client_id`` still idempotent.
"""

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
from websockets.asyncio.client import connect

from tests.db_backends import BACKENDS, migrated_database
from tests.server_process import API, WAIT, Server, running_server

Json = dict[str, Any]


def kill_9(server: Server) -> None:
    """SIGKILL at once: no graceful shutdown, no flushing, nothing."""
    os.kill(server.process.pid, signal.SIGKILL)
    assert server.process.wait(timeout=WAIT) == -signal.SIGKILL


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def _register(client: httpx.AsyncClient) -> str:
    response = await client.post(
        f"{API}/auth/register",
        json={"email": f"durable-{uuid.uuid4().hex[:10]}@example.com", "password": "correct-horse"},
    )
    assert response.status_code == 201, response.text
    token: str = response.json()["access_token"]
    return token


async def _ws_send(server: Server, token: str, frame: Json) -> Json:
    """Authenticates a socket, sends the frame and returns its ack."""
    async with connect(server.ws_url, open_timeout=WAIT, close_timeout=1) as connection:
        await connection.send(json.dumps({"type": "auth", "token": token}))
        ready = json.loads(await asyncio.wait_for(connection.recv(), WAIT))
        assert ready["type"] == "ready", ready
        await connection.send(json.dumps(frame))
        while True:
            received: Json = json.loads(await asyncio.wait_for(connection.recv(), WAIT))
            assert received["type"] != "error", received
            if received["type"] == "ack":
                return received


async def _user_messages(client: httpx.AsyncClient, token: str, conversation_id: str) -> list[Json]:
    response = await client.get(
        f"{API}/conversations/{conversation_id}/items",
        params={"after_seq": 0, "limit": 200},
        headers=_bearer(token),
    )
    assert response.status_code == 200, response.text
    return [
        item
        for item in response.json()["items"]
        if item["type"] == "message" and item["role"] == "user"
    ]


@pytest.fixture
def durable_database(backend: str, tmp_path: Path) -> Iterator[str]:
    """A migrated database of the backend (a sync fixture: migrating runs its own event loop)."""
    with migrated_database(backend, tmp_path) as url:
        yield url


@pytest.mark.parametrize("backend", BACKENDS)
async def test_acknowledged_messages_survive_kill_9_of_the_server(
    durable_database: str, tmp_path: Path
) -> None:
    ws_message = {"client_id": str(uuid.uuid4()), "content": "sent over the socket, then kill -9"}
    rest_message = {"client_id": str(uuid.uuid4()), "content": "posted over REST, then kill -9"}

    with running_server(durable_database, tmp_path, "first") as server:
        async with httpx.AsyncClient(base_url=server.base_url, timeout=WAIT) as client:
            token = await _register(client)
            response = await client.post(
                f"{API}/conversations", json={"title": "durable"}, headers=_bearer(token)
            )
            assert response.status_code == 201, response.text
            conversation_id: str = response.json()["id"]

            ack = await _ws_send(
                server, token, {"type": "send", "conversation_id": conversation_id, **ws_message}
            )
            assert ack["client_id"] == ws_message["client_id"]

            messages_url = f"{API}/conversations/{conversation_id}/messages"
            created = await client.post(messages_url, json=rest_message, headers=_bearer(token))
            assert created.status_code == 201, created.text
            kill_9(server)
        posted: Json = created.json()

    with running_server(durable_database, tmp_path, "second") as server:
        async with httpx.AsyncClient(base_url=server.base_url, timeout=WAIT) as client:
            user_items = await _user_messages(client, token, conversation_id)
            user_messages = {item["client_id"]: item for item in user_items}
            assert len(user_items) == 2, user_items
            assert set(user_messages) == {ws_message["client_id"], rest_message["client_id"]}
            survived_ws = user_messages[ws_message["client_id"]]
            survived_rest = user_messages[rest_message["client_id"]]
            assert (survived_ws["id"], survived_ws["content"]) == (
                ack["item_id"],
                ws_message["content"],
            )
            assert (survived_rest["id"], survived_rest["content"]) == (
                posted["item"]["id"],
                rest_message["content"],
            )
            assert survived_ws["status"] == survived_rest["status"] == "completed"

            # The client_ids are still idempotent after the crash: nothing new is created.
            for message, item_id, generation_id in (
                (ws_message, ack["item_id"], ack["generation_id"]),
                (rest_message, posted["item"]["id"], posted["generation_id"]),
            ):
                again = await client.post(messages_url, json=message, headers=_bearer(token))
                assert again.status_code == 200, again.text
                assert again.json()["item"]["id"] == item_id
                assert again.json()["generation_id"] == generation_id
            ws_again = await _ws_send(
                server, token, {"type": "send", "conversation_id": conversation_id, **ws_message}
            )
            assert (ws_again["item_id"], ws_again["generation_id"]) == (
                ack["item_id"],
                ack["generation_id"],
            )
            assert await _user_messages(client, token, conversation_id) == user_items
