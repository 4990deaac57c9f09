"""``Live``: the WebSocket as a stream of typed events that survives reconnects.

It follows any number of conversations, each with a ``Transcript``; after a reconnect it
resubscribes to each from its last ``seq`` (so nothing is missed or doubled) and sends its
outbox again: every message waits there with its ``client_id`` until acknowledged, and the
server creates one message per ``client_id`` however often it arrives. A delta past the
known text resubscribes too."""

from __future__ import annotations

import asyncio
import contextlib
import random
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, replace
from types import TracebackType
from typing import Any

from websockets.asyncio.client import ClientConnection
from websockets.exceptions import ConnectionClosed, InvalidHandshake

from taskmate.client.errors import Disconnected, TaskmateError
from taskmate.client.frames import (
    Ack,
    Delta,
    Event,
    ItemChanged,
    Json,
    Reconnecting,
    Refused,
    Resumed,
    Subscribed,
    parse,
)
from taskmate.client.socket import open_authenticated, receive_frame, refusal, send_frame
from taskmate.client.transcript import Gap, Transcript

FIRST_BACKOFF = 0.1
MAX_BACKOFF = 5.0
# Refusals that say "not now" rather than "never": the message stays in the outbox.
PASSING_REFUSALS = frozenset({"unavailable", "rate_limited"})


@dataclass
class Outgoing:
    conversation_id: str
    content: str


class Live:
    """Use with ``async with``: entering opens the socket (refused credentials raise
    ``TaskmateError``); iterating yields events until the block ends."""

    def __init__(
        self,
        ws_url: str,
        token: str,
        *,
        max_backoff: float = MAX_BACKOFF,
        **connect_options: Any,
    ) -> None:
        self.ws_url = ws_url
        self._token = token
        self._max_backoff = max_backoff
        self._connect_options = connect_options
        self.transcripts: dict[str, Transcript] = {}
        self.outbox: dict[str, Outgoing] = {}
        self._events: asyncio.Queue[Event | TaskmateError] = asyncio.Queue()
        self._connection: ClientConnection | None = None
        self._acks: dict[str, asyncio.Future[Ack]] = {}
        self._subscribing: dict[str, asyncio.Future[Subscribed]] = {}
        self._opened: asyncio.Future[None] | None = None
        self._runner: asyncio.Task[None] | None = None
        self._resends: set[asyncio.Task[None]] = set()

    @property
    def connected(self) -> bool:
        return self._connection is not None

    def transcript(self, conversation_id: str) -> Transcript:
        return self.transcripts[conversation_id]

    async def subscribe(self, conversation_id: str, after_seq: int | None = None) -> Subscribed:
        """Follows a conversation: replays changes after ``after_seq`` (none when omitted)
        and the messages still streaming; returns once the server says ``subscribed``."""
        transcript = self.transcripts.setdefault(conversation_id, Transcript())
        if after_seq is not None:
            transcript.last_seq = after_seq
        waiting: asyncio.Future[Subscribed] = asyncio.get_running_loop().create_future()
        self._subscribing[conversation_id] = waiting
        frame: Json = {"type": "subscribe", "conversation_id": conversation_id}
        if after_seq is not None:
            frame["after_seq"] = after_seq
        await self._send_now(frame)
        return await waiting

    async def unsubscribe(self, conversation_id: str) -> None:
        self.transcripts.pop(conversation_id, None)
        await self.frame({"type": "unsubscribe", "conversation_id": conversation_id})

    async def send(
        self, conversation_id: str, content: str, *, client_id: str | None = None
    ) -> str:
        """Puts a message in the outbox and sends it if connected; returns its
        ``client_id``. ``acked(client_id)`` waits for the server to have it."""
        client_id = client_id or str(uuid.uuid4())
        self.outbox[client_id] = Outgoing(conversation_id=conversation_id, content=content)
        self._ack_future(client_id)
        with contextlib.suppress(Disconnected):
            await self._send_now(self._send_frame(client_id))
        return client_id

    async def acked(self, client_id: str) -> Ack:
        return await self._ack_future(client_id)

    async def choose(self, conversation_id: str, item_id: str, option: str) -> None:
        frame = {"conversation_id": conversation_id, "item_id": item_id, "option": option}
        await self.frame({"type": "choose", **frame})

    async def undo(self, conversation_id: str, item_id: str) -> None:
        await self.frame({"type": "undo", "conversation_id": conversation_id, "item_id": item_id})

    async def stop(self, conversation_id: str) -> None:
        await self.frame({"type": "stop", "conversation_id": conversation_id})

    async def frame(self, frame: Json) -> None:
        """Sends any frame now; raises ``Disconnected`` while reconnecting."""
        await self._send_now(frame)

    async def next(self) -> Event:
        """The next event; raises ``TaskmateError`` when the server refuses the credentials
        (they were revoked or expired: reconnecting cannot help)."""
        event = await self._events.get()
        if isinstance(event, TaskmateError):
            raise event
        return event

    async def __aiter__(self) -> AsyncIterator[Event]:
        while True:
            yield await self.next()

    async def __aenter__(self) -> Live:
        self._opened = asyncio.get_running_loop().create_future()
        self._runner = asyncio.create_task(self._run())
        try:
            await self._opened
        except BaseException:
            await self.aclose()
            raise
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        for resend in list(self._resends):
            resend.cancel()
        if self._runner is not None:
            self._runner.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._runner
            self._runner = None

    async def _run(self) -> None:
        backoff = FIRST_BACKOFF
        while True:
            try:
                connection, ready = await open_authenticated(
                    self.ws_url, self._token, **self._connect_options
                )
            except TaskmateError as refused:
                self._fail(refused)
                return
            except (OSError, TimeoutError, InvalidHandshake, ConnectionClosed) as error:
                if self._opened is not None and not self._opened.done():
                    self._opened.set_exception(error)  # a wrong URL says so at once
                    return
                self._events.put_nowait(Reconnecting(code=None, reason=str(error)))
                await asyncio.sleep(random.uniform(0, backoff))  # noqa: S311 - jitter, not a secret
                backoff = min(backoff * 2, self._max_backoff)
                continue
            backoff = FIRST_BACKOFF
            async with connection:
                self._connection = connection
                if self._opened is not None and not self._opened.done():
                    self._opened.set_result(None)
                    self._events.put_nowait(ready)
                else:
                    self._events.put_nowait(Resumed(ready=ready))
                    await self._resume(connection)
                code, reason = await self._read(connection)
                self._connection = None
            if code is None and reason == "refused":
                return
            self._events.put_nowait(Reconnecting(code=code, reason=reason))

    async def _resume(self, connection: ClientConnection) -> None:
        """Resubscribes from each transcript's last seq, then resends the outbox."""
        for conversation_id, transcript in self.transcripts.items():
            frame = {"type": "subscribe", "conversation_id": conversation_id}
            await send_frame(connection, frame | {"after_seq": transcript.last_seq})
        for client_id in list(self.outbox):
            await send_frame(connection, self._send_frame(client_id))

    async def _read(self, connection: ClientConnection) -> tuple[int | None, str]:
        """Reads until the socket closes: its close code and reason."""
        try:
            while True:
                event = parse(await receive_frame(connection))
                await self._take(connection, event)
        except ConnectionClosed as closed:
            refused = refusal(closed)
            if refused is not None:
                self._fail(refused)
                return None, "refused"
            code = closed.rcvd.code if closed.rcvd else None
            return code, closed.rcvd.reason if closed.rcvd else "connection lost"

    async def _take(self, connection: ClientConnection, event: Event) -> None:
        if isinstance(event, ItemChanged):
            transcript = self.transcripts.get(event.conversation_id)
            if transcript is None:
                return  # a frame of a conversation just unsubscribed
            event = ItemChanged(
                conversation_id=event.conversation_id, item=transcript.apply_item(event.item)
            )
        elif isinstance(event, Delta):
            transcript = self.transcripts.get(event.conversation_id)
            if transcript is None:
                return
            try:
                item = transcript.apply_delta(event.item_id, event.offset, event.text)
            except Gap:
                frame = {"type": "subscribe", "conversation_id": event.conversation_id}
                await send_frame(connection, frame | {"after_seq": transcript.last_seq})
                return
            event = replace(event, item=item)
        elif isinstance(event, Subscribed):
            transcript = self.transcripts.setdefault(event.conversation_id, Transcript())
            transcript.last_seq = max(transcript.last_seq, event.last_seq)
            waiting = self._subscribing.pop(event.conversation_id, None)
            if waiting is not None and not waiting.done():
                waiting.set_result(event)
        elif isinstance(event, Ack):
            self.outbox.pop(event.client_id, None)
            waiting_ack = self._ack_future(event.client_id)
            if not waiting_ack.done():
                waiting_ack.set_result(event)
        elif isinstance(event, Refused) and event.error.ref in self.outbox:
            if event.error.code in PASSING_REFUSALS:
                self._resend_later(event.error.ref, event.error)
            else:
                self.outbox.pop(event.error.ref)  # refused for good (too long, finalized...)
                waiting_ack = self._ack_future(event.error.ref)
                if not waiting_ack.done():
                    waiting_ack.set_exception(event.error)
        self._events.put_nowait(event)

    def _resend_later(self, client_id: str, refusal: TaskmateError) -> None:
        """Sends the message again after the wait the server asked for (``rate_limited``)
        or a second or so (``unavailable``: the database is back soon); the same
        ``client_id`` makes it count once."""
        retry_after = refusal.details.get("retry_after")
        delay = float(retry_after) if isinstance(retry_after, int | float) else 1.0
        delay = min(delay, self._max_backoff) * random.uniform(0.8, 1.2)  # noqa: S311 - jitter

        async def resend() -> None:
            await asyncio.sleep(delay)
            if client_id in self.outbox:
                with contextlib.suppress(Disconnected):  # the reconnect resends it
                    await self._send_now(self._send_frame(client_id))

        task = asyncio.get_running_loop().create_task(resend())
        self._resends.add(task)
        task.add_done_callback(self._resends.discard)

    def _ack_future(self, client_id: str) -> asyncio.Future[Ack]:
        if client_id not in self._acks:
            self._acks[client_id] = asyncio.get_running_loop().create_future()
        return self._acks[client_id]

    def _send_frame(self, client_id: str) -> Json:
        outgoing = self.outbox[client_id]
        return {
            "type": "send",
            "conversation_id": outgoing.conversation_id,
            "client_id": client_id,
            "content": outgoing.content,
        }

    async def _send_now(self, frame: Json) -> None:
        if self._connection is None:
            raise Disconnected("the live socket is reconnecting")
        try:
            await send_frame(self._connection, frame)
        except ConnectionClosed as closed:
            raise Disconnected("the live socket closed") from closed

    def _fail(self, refused: TaskmateError) -> None:
        if self._opened is not None and not self._opened.done():
            self._opened.set_exception(refused)
        self._events.put_nowait(refused)
