"""A client that stops reading is closed with 4409 once its queue fills; publishing to the
conversation never waits for it."""

from __future__ import annotations

import asyncio
import socket as sockets

import httpx
import pytest
from websockets.asyncio.client import ClientConnection
from websockets.exceptions import ConnectionClosed

from taskmate.api.runtime import LivePolicy, Runtime
from tests.chat.helpers import create_conversation
from tests.chat.transports.sockets import signed_in
from tests.conftest import MakeUser
from tests.live_server import LiveServer

DELTAS = 400
DELTA_TEXT = "x" * 32 * 1024


@pytest.fixture
def live_policy() -> LivePolicy:
    return LivePolicy(send_queue_frames=8)


def small_receive_buffer(server: LiveServer) -> sockets.socket:
    """A connected socket whose kernel buffer holds little, so the server feels a slow
    reader quickly."""
    host, port = server.host.split(":")
    connection = sockets.socket()
    connection.setsockopt(sockets.SOL_SOCKET, sockets.SO_RCVBUF, 4096)
    connection.connect((host, int(port)))
    connection.setblocking(False)
    return connection


async def test_a_client_that_stops_reading_is_closed_4409(
    server: LiveServer, make_user: MakeUser, client: httpx.AsyncClient, runtime: Runtime
) -> None:
    user = await make_user()
    conversation = await create_conversation(client, user)
    cid = conversation["id"]
    async with signed_in(server, user, sock=small_receive_buffer(server), max_queue=1) as slow:
        await slow.subscribe(cid)
        for offset in range(DELTAS):
            frame = {"type": "delta", "conversation_id": cid, "item_id": "i", "offset": offset}
            await runtime.events.publish_transient(cid, {**frame, "text": DELTA_TEXT})
            await asyncio.sleep(0)  # let the server's writer run
        received, code = await read_until_closed(slow.connection)
    assert code == 4409
    assert received < DELTAS


async def read_until_closed(connection: ClientConnection) -> tuple[int, int | None]:
    """How many frames arrived before the close, and its code."""
    received = 0
    try:
        while True:
            await asyncio.wait_for(connection.recv(), 5)
            received += 1
    except ConnectionClosed as closed:
        return received, closed.rcvd.code if closed.rcvd else None
