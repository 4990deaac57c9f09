"""The load client's sockets: many at once, opened by ``taskmate.client`` on our server
(authenticated, past ``ready``), bare on the echo one. The timed loops read and write these
sockets themselves: the client's ``Live`` would add its own work to every frame."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from websockets.asyncio.client import ClientConnection, connect

from taskmate.client.frames import Subscribed, parse
from taskmate.client.socket import open_authenticated, receive_frame, send_frame

WAIT = 60.0
OPENING_AT_ONCE = 100  # handshakes in flight, below uvicorn's listen backlog


async def open_socket(ws_url: str, token: str | None) -> ClientConnection:
    """A socket; with a token (our server), signed in and past its ``ready`` frame. Both
    kinds without compression or pings, the same on either server."""
    if token is None:
        return await connect(
            ws_url, open_timeout=WAIT, close_timeout=1, compression=None, ping_interval=None
        )
    connection, _ready = await open_authenticated(
        ws_url, token, open_timeout=WAIT, compression=None, ping_interval=None
    )
    return connection


async def open_sockets(ws_url: str, tokens: Sequence[str | None]) -> list[ClientConnection]:
    gate = asyncio.Semaphore(OPENING_AT_ONCE)

    async def opened(token: str | None) -> ClientConnection:
        async with gate:
            return await open_socket(ws_url, token)

    return list(await asyncio.gather(*(opened(token) for token in tokens)))


async def close_sockets(connections: Sequence[ClientConnection]) -> None:
    await asyncio.gather(*(connection.close() for connection in connections))


async def subscribe(connection: ClientConnection, conversation_id: str) -> Subscribed:
    """Subscribes, skipping the frames before ``subscribed`` (the replay, if any)."""
    await send_frame(connection, {"type": "subscribe", "conversation_id": conversation_id})
    async with asyncio.timeout(WAIT):
        while not isinstance(event := parse(await receive_frame(connection)), Subscribed):
            pass
    return event
