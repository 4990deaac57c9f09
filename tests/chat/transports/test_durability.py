"""Guarantee 1: an acknowledged message (ack frame or 201) survives ``kill -9`` of the server.

The server runs as a real ``python -m taskmate serve`` child process; right after the
acknowledgements it is killed with SIGKILL (no shutdown of any kind), restarted on the same
database, and the messages must be there, and their ``client_id`` still idempotent.
"""

from __future__ import annotations

import asyncio
import os
import signal
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from taskmate.client import Item, Taskmate
from taskmate.client.frames import Ack
from tests.db_backends import BACKENDS, migrated_database
from tests.server_process import WAIT, Server, running_server


def kill_9(server: Server) -> None:
    """SIGKILL at once: no graceful shutdown, no flushing, nothing."""
    os.kill(server.process.pid, signal.SIGKILL)
    assert server.process.wait(timeout=WAIT) == -signal.SIGKILL


async def _ws_send(taskmate: Taskmate, conversation_id: str, message: dict[str, str]) -> Ack:
    """Sends the message over a new socket; its ack."""
    async with taskmate.live(open_timeout=WAIT) as live:
        await live.send(conversation_id, message["content"], client_id=message["client_id"])
        async with asyncio.timeout(WAIT):
            return await live.acked(message["client_id"])


async def _user_messages(taskmate: Taskmate, conversation_id: str) -> list[Item]:
    changes = await taskmate.conversations.changes(conversation_id)
    return [item for item in changes.items if item.type == "message" and item.role == "user"]


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
        async with Taskmate(server.base_url, timeout=WAIT) as taskmate:
            email = f"durable-{uuid.uuid4().hex[:10]}@example.com"
            signed_up = await taskmate.register(email, "correct-horse")
            conversation_id = (await taskmate.conversations.create(title="durable")).id
            ack = await _ws_send(taskmate, conversation_id, ws_message)
            assert ack.client_id == ws_message["client_id"]
            posted = await taskmate.conversations.send(conversation_id, **rest_message)
            kill_9(server)

    with running_server(durable_database, tmp_path, "second") as server:
        async with Taskmate(server.base_url, signed_up.access_token, timeout=WAIT) as taskmate:
            user_items = await _user_messages(taskmate, conversation_id)
            user_messages = {item.client_id: item for item in user_items}
            assert len(user_items) == 2, user_items
            assert set(user_messages) == {ws_message["client_id"], rest_message["client_id"]}
            survived_ws = user_messages[ws_message["client_id"]]
            survived_rest = user_messages[rest_message["client_id"]]
            assert (survived_ws.id, survived_ws.content) == (ack.item_id, ws_message["content"])
            assert (survived_rest.id, survived_rest.content) == (
                posted.item.id,
                rest_message["content"],
            )
            assert survived_ws.status == survived_rest.status == "completed"

            # The client_ids are still idempotent after the crash: nothing new is created.
            for message, item_id, generation_id in (
                (ws_message, ack.item_id, ack.generation_id),
                (rest_message, posted.item.id, posted.generation_id),
            ):
                again = await taskmate.conversations.send(conversation_id, **message)
                assert (again.item.id, again.generation_id) == (item_id, generation_id)
            ws_again = await _ws_send(taskmate, conversation_id, ws_message)
            assert (ws_again.item_id, ws_again.generation_id) == (ack.item_id, ack.generation_id)
            assert await _user_messages(taskmate, conversation_id) == user_items
