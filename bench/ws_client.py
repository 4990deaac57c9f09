"""The load client's sockets: many at once, authenticated on our server, bare on the echo one."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Sequence
from typing import Any

from websockets.asyncio.client import ClientConnection, connect

Json = dict[str, Any]
WAIT = 60.0
OPENING_AT_ONCE = 100  # handshakes in flight, below uvicorn's listen backlog


async def receive_json(connection: ClientConnection) -> Json:
    frame: Json = json.loads(await asyncio.wait_for(connection.recv(), WAIT))
    return frame


async def open_socket(ws_url: str, token: str | None) -> ClientConnection:
    """A socket; with a token (our server), signed in and past its ``ready`` frame."""
    connection = await connect(
        ws_url, compression=None, ping_interval=None, open_timeout=WAIT, close_timeout=1
    )
    if token is not None:
        await connection.send(json.dumps({"type": "auth", "token": token}))
        ready = await receive_json(connection)
        if ready["type"] != "ready":
            raise RuntimeError(f"expected a ready frame after auth, got {ready}")
    return connection


async def open_sockets(ws_url: str, tokens: Sequence[str | None]) -> list[ClientConnection]:
    gate = asyncio.Semaphore(OPENING_AT_ONCE)

    async def opened(token: str | None) -> ClientConnection:
        async with gate:
            return await open_socket(ws_url, token)

    return list(await asyncio.gather(*(opened(token) for token in tokens)))


async def close_sockets(connections: Sequence[ClientConnection]) -> None:
    await asyncio.gather(*(connection.close() for connection in connections))


async def subscribe(connection: ClientConnection, conversation_id: str) -> None:
    await connection.send(json.dumps({"type": "subscribe", "conversation_id": conversation_id}))
    while (await receive_json(connection))["type"] != "subscribed":
        pass
