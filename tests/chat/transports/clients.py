"""A live client of one conversation over either transport, for tests that connect, drop
and resume many times: frames come as WebSocket frames (an SSE ``item`` event becomes an
``item`` frame) and go into the client's ``Replica``."""

from __future__ import annotations

import asyncio
from contextlib import AsyncExitStack
from typing import Literal

from tests.chat.transports.replica import Json, Replica
from tests.chat.transports.sockets import WAIT, Socket, signed_in
from tests.chat.transports.streams import EventReader, event_stream
from tests.conftest import Account
from tests.live_server import LiveServer

Transport = Literal["ws", "sse"]


class LiveClient:
    def __init__(
        self, server: LiveServer, user: Account, transport: Transport, conversation_id: str
    ) -> None:
        self.user = user
        self.transport = transport
        self.replica = Replica()
        self._server = server
        self._conversation_id = conversation_id
        self._connection: AsyncExitStack | None = None
        self._socket: Socket | None = None
        self._events: EventReader | None = None
        self._subscribing = False  # a subscribe sent on the socket is not answered yet

    def __repr__(self) -> str:
        return f"LiveClient({self.transport}, {self.user.email})"

    @property
    def connected(self) -> bool:
        return self._connection is not None

    @property
    def socket(self) -> Socket | None:
        return self._socket

    async def connect(self, *, after_seq: int, clean: bool, last_event_id: bool = False) -> None:
        """Opens a connection that follows the conversation after ``after_seq``; an event
        stream names it with ``Last-Event-ID`` (as a reconnecting browser does) or
        ``after_seq``."""
        assert self._connection is None
        stack = AsyncExitStack()
        self.replica.subscribe(after_seq=after_seq, clean=clean)
        if self.transport == "ws":
            self._socket = await stack.enter_async_context(signed_in(self._server, self.user))
            await self._subscribe(after_seq)
        else:
            path = f"/conversations/{self._conversation_id}/events"
            headers = dict(self.user.headers)
            if last_event_id:
                headers["Last-Event-ID"] = str(after_seq)
                stream = event_stream(self._server, path, headers)
            else:
                stream = event_stream(self._server, path, headers, after_seq=after_seq)
            self._events = await stack.enter_async_context(stream)
        self._connection = stack

    async def resubscribe(self) -> None:
        """Subscribes again on the same socket, after the last seq the client holds, once
        every frame sent before is read (the replay's frames are then the new
        subscription's)."""
        assert self._socket is not None
        assert not await self._drain()
        self.replica.subscribe(after_seq=self.replica.last_seq, clean=True)
        await self._subscribe(self.replica.last_seq)

    async def disconnect(self) -> None:
        connection, self._connection = self._connection, None
        self._socket = self._events = None
        self._subscribing = False
        if connection is not None:
            await connection.aclose()

    async def command(self, frame: Json) -> list[Json]:
        """Sends a frame over the socket; the ``ack`` and ``error`` frames that came before
        the answer to a ping sent right after it (frames are carried out in order)."""
        assert self._socket is not None
        await self._socket.send(frame)
        return await self._drain()

    async def _drain(self) -> list[Json]:
        """Reads every frame sent before the answer to a ping sent now; returns the
        ``ack`` and ``error`` frames, applies the others."""
        assert self._socket is not None
        await self._socket.send({"type": "ping"})
        answers = []
        while (received := await self._socket.receive())["type"] != "pong":
            if received["type"] in ("ack", "error"):
                answers.append(received)
            else:
                self._apply(received)
        return answers

    async def catch_up(self, last_seq: int, texts: dict[str, str]) -> None:
        """Reads frames until the client holds ``last_seq`` and the streaming messages'
        ``texts`` (and its socket's last subscribe is answered): the server's state once
        nothing is on its way."""
        async with asyncio.timeout(WAIT):
            while self._subscribing or not self.replica.holds(last_seq, texts):
                frame = await self._receive()
                if frame is not None:
                    assert frame["type"] != "error", frame
                    self._apply(frame)
        self.replica.caught_up()

    async def _subscribe(self, after_seq: int) -> None:
        assert self._socket is not None
        frame = {"type": "subscribe", "conversation_id": self._conversation_id}
        await self._socket.send(frame | {"after_seq": after_seq})
        self._subscribing = True

    def _apply(self, frame: Json) -> None:
        if frame["type"] == "subscribed":
            self._subscribing = False
        self.replica.apply(frame)

    async def _receive(self) -> Json | None:
        """The next frame (None for an event stream's ping comment)."""
        if self._socket is not None:
            return await self._socket.receive_unbounded()
        assert self._events is not None
        event = await self._events.next()
        if event.event is None:
            return None
        if event.event == "item":
            return {"type": "item", "item": event.data}
        frame: Json = event.data
        return frame
