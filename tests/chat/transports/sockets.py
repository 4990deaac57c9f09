"""A test's WebSocket client: frames as dicts, every wait bounded by a timeout."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed
from websockets.typing import Origin

from tests.conftest import BASE_URL, Account
from tests.live_server import LiveServer

Json = dict[str, Any]
WAIT = 5.0
ALLOWED_ORIGIN = Origin(BASE_URL)


class Socket:
    def __init__(self, connection: ClientConnection) -> None:
        self.connection = connection
        self.ready: Json = {}

    async def send(self, frame: Json) -> None:
        await self.connection.send(json.dumps(frame))

    async def receive(self) -> Json:
        async with asyncio.timeout(WAIT):
            return await self.receive_unbounded()

    async def receive_unbounded(self) -> Json:
        """The next frame, however long it takes (for clients that follow until cancelled)."""
        frame: Json = json.loads(await self.connection.recv())
        return frame

    async def expect(self, kind: str) -> Json:
        """The next frame, which must be of this type."""
        frame = await self.receive()
        assert frame["type"] == kind, frame
        return frame

    async def next(self, kind: str) -> Json:
        """The next frame of this type, skipping others."""
        while True:
            frame = await self.receive()
            if frame["type"] == kind:
                return frame

    async def pending(self) -> list[Json]:
        """Every frame the server sent before answering a ping now."""
        await self.send({"type": "ping"})
        frames = []
        while (frame := await self.receive())["type"] != "pong":
            frames.append(frame)
        return frames

    async def close_code(self) -> int | None:
        """Reads until the server closes the socket; its close code."""
        try:
            while True:
                await asyncio.wait_for(self.connection.recv(), WAIT)
        except ConnectionClosed as closed:
            return closed.rcvd.code if closed.rcvd else None

    async def subscribe(self, conversation_id: str, after_seq: int | None = None) -> list[Json]:
        """Subscribes; the frames replayed before ``subscribed`` (which ends the list)."""
        frame: Json = {"type": "subscribe", "conversation_id": conversation_id}
        if after_seq is not None:
            frame["after_seq"] = after_seq
        await self.send(frame)
        frames = []
        while (received := await self.receive())["type"] != "subscribed":
            frames.append(received)
        return [*frames, received]

    async def send_message(self, conversation_id: str, content: str = "hello") -> Json:
        """Sends a message; its ack."""
        client_id = str(uuid.uuid4())
        await self.send(
            {
                "type": "send",
                "conversation_id": conversation_id,
                "client_id": client_id,
                "content": content,
            }
        )
        return await self.next("ack")


@asynccontextmanager
async def opened(server: LiveServer, **options: Any) -> AsyncIterator[Socket]:
    """A socket that has not authenticated yet."""
    async with connect(server.ws, open_timeout=WAIT, close_timeout=1, **options) as connection:
        yield Socket(connection)


@asynccontextmanager
async def signed_in(
    server: LiveServer, user: Account, *, expect_ready: bool = True, **options: Any
) -> AsyncIterator[Socket]:
    """A socket that sent the user's token (and got its ``ready`` frame, if expected)."""
    async with opened(server, **options) as socket:
        await socket.send({"type": "auth", "token": user.access_token})
        if expect_ready:
            socket.ready = await socket.expect("ready")
        yield socket


def cookie(user: Account) -> dict[str, str]:
    return {"Cookie": f"taskmate_access={user.access_token}"}
