"""A scripted chat client that behaves like the web client under faults.

It keeps an outbox of messages with their ``client_id`` and sends all of them again after
every reconnect until each is acknowledged; it resubscribes with the last ``seq`` it saw,
connects to a random instance each time, drops its socket at random, backs off on closes
and errors, and asks for a new answer after an interrupted one. Its transcript is built
from ``item`` and ``delta`` frames alone. The protocol (handshake, frames, transcript,
REST) is ``taskmate.client``'s; the resend policy and the faults of a flaky network are
its own."""

from __future__ import annotations

import asyncio
import random
import time
import uuid
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import httpx
from websockets.asyncio.client import ClientConnection
from websockets.exceptions import ConnectionClosed, InvalidHandshake

from chaos.rest import Account
from taskmate.client import TaskmateError, Transcript
from taskmate.client.frames import Ack, Delta, ItemChanged, Json, Refused, Subscribed, parse
from taskmate.client.socket import open_authenticated, receive_frame, send_frame
from taskmate.client.transcript import Gap

NEEDS_REGENERATE = frozenset({"interrupted", "failed"})
TICK = 0.2  # how often a connected client looks at what it should do next
RESEND_AFTER = 1.0  # seconds an unacknowledged message waits before it is sent again
OPEN_TIMEOUT = 5.0


@dataclass(frozen=True, kw_only=True)
class Behaviour:
    socket_lifetime: tuple[float, float] = (2.0, 8.0)  # dropped at random within this range
    think_time: tuple[float, float] = (0.1, 0.6)
    # seconds after an acknowledgement before the client sends again without waiting for
    # the answer (people do), which also keeps sends coming while the database is away
    patience: float = 3.0
    max_backoff: float = 2.0


@dataclass
class Pending:
    content: str
    created: float
    last_sent: float = 0.0


@dataclass
class ClientStats:
    sent: int = 0
    ack_seconds: dict[str, float] = field(default_factory=dict)
    refused_unavailable: int = 0
    regenerated: int = 0
    other_errors: list[str] = field(default_factory=list)
    closes: Counter[int | None] = field(default_factory=Counter)
    connect_failures: int = 0
    deltas: int = 0


class ChatClient:
    def __init__(
        self,
        sockets: Callable[[], Sequence[str]],
        account: Account,
        conversation_id: str,
        behaviour: Behaviour,
    ) -> None:
        self.account = account
        self.conversation_id = conversation_id
        self.transcript = Transcript()
        self.stats = ClientStats()
        self.sending = True
        self._sockets = sockets
        self._behaviour = behaviour
        self._outbox: dict[str, Pending] = {}
        self._asked_again: set[str] = set()
        self._next_send = 0.0
        self._impatient_at = 0.0

    @property
    def settled(self) -> bool:
        """Nothing waits for an acknowledgement or an answer."""
        last = self.transcript.last_message()
        idle = last is None or (last.role == "assistant" and last.status == "completed")
        return not self._outbox and idle

    async def run(self) -> None:
        """Connects, follows and reconnects until cancelled."""
        backoff = 0.1
        while True:
            url = random.choice(self._sockets())
            try:
                socket, _ = await open_authenticated(
                    url, self.account.token, open_timeout=OPEN_TIMEOUT
                )
                async with socket:
                    if await self._session(socket):
                        backoff = 0.1
            except ConnectionClosed as closed:
                self.stats.closes[closed.rcvd.code if closed.rcvd else None] += 1
            except (OSError, TimeoutError, InvalidHandshake):
                self.stats.connect_failures += 1
            except TaskmateError as refused:  # the credentials, or not a ready frame
                self.stats.other_errors.append(f"{refused.code}: {refused.message}")
            await asyncio.sleep(random.uniform(0, backoff))  # backoff before reconnecting
            backoff = min(backoff * 2, self._behaviour.max_backoff)

    async def _session(self, socket: ClientConnection) -> bool:
        """One signed-in connection, until the client drops it (True), or a gap forces a
        resubscribe (False); the server's close is raised."""
        await self._send(socket, {"type": "subscribe", "after_seq": self.transcript.last_seq})
        subscribed = asyncio.Event()
        reader = asyncio.create_task(self._read(socket, subscribed))
        actor = asyncio.create_task(self._act(socket, subscribed))
        lifetime = random.uniform(*self._behaviour.socket_lifetime)
        try:
            done, _ = await asyncio.wait(
                {reader, actor}, timeout=lifetime, return_when=asyncio.FIRST_COMPLETED
            )
        finally:
            for task in (reader, actor):
                task.cancel()
            await asyncio.gather(reader, actor, return_exceptions=True)
        if not done:
            return True  # the client drops its socket, as a flaky network would
        failure = next((task.exception() for task in done if task.exception()), None)
        if failure is not None and not isinstance(failure, Gap):
            raise failure
        return False

    async def _read(self, socket: ClientConnection, subscribed: asyncio.Event) -> None:
        while True:
            event = parse(await receive_frame(socket))
            if isinstance(event, ItemChanged):
                self.transcript.apply_item(event.item)
            elif isinstance(event, Delta):
                self.stats.deltas += 1
                self.transcript.apply_delta(event.item_id, event.offset, event.text)
            elif isinstance(event, Subscribed):
                subscribed.set()
                for pending in self._outbox.values():
                    pending.last_sent = 0.0  # every unacknowledged message goes again
            elif isinstance(event, Ack):
                self._acknowledged(event.client_id)
            elif isinstance(event, Refused):
                self._refused(event.error)

    async def _act(self, socket: ClientConnection, subscribed: asyncio.Event) -> None:
        await subscribed.wait()
        while True:
            now = time.monotonic()
            await self._next_step(now)
            for client_id, pending in list(self._outbox.items()):
                if now - pending.last_sent >= RESEND_AFTER:
                    pending.last_sent = now
                    body = {"type": "send", "client_id": client_id, "content": pending.content}
                    await self._send(socket, body)
            await asyncio.sleep(TICK)  # the client's pace, not a synchronisation

    async def _next_step(self, now: float) -> None:
        last = self.transcript.last_message()
        if last is not None and last.status in NEEDS_REGENERATE:
            await self._ask_again(last.id)
        elif self.sending and self._may_send(now):
            client_id = str(uuid.uuid4())
            self._outbox[client_id] = Pending(content=f"message {client_id}", created=now)
            self.stats.sent += 1

    def _may_send(self, now: float) -> bool:
        if self.settled:
            return now >= self._next_send
        return not self._outbox and now >= self._impatient_at

    async def _ask_again(self, item_id: str) -> None:
        if item_id in self._asked_again:
            return
        try:
            await self.account.taskmate.conversations.regenerate(self.conversation_id)
        except TaskmateError as refused:
            self.stats.other_errors.append(f"regenerate: {refused.code}: {refused.message}")
            return
        except httpx.TransportError as failed:
            self.stats.other_errors.append(f"regenerate: {failed}")
            return
        self._asked_again.add(item_id)
        self.stats.regenerated += 1

    def _acknowledged(self, client_id: str) -> None:
        pending = self._outbox.pop(client_id, None)
        if pending is None:
            return  # the same ack again, for a message sent twice
        self.stats.ack_seconds[client_id] = time.monotonic() - pending.created
        now = time.monotonic()
        self._next_send = now + random.uniform(*self._behaviour.think_time)
        self._impatient_at = now + self._behaviour.patience

    def _refused(self, error: TaskmateError) -> None:
        if error.code == "unavailable":
            self.stats.refused_unavailable += 1
        else:
            self.stats.other_errors.append(f"{error.code}: {error.message}")

    async def _send(self, socket: ClientConnection, frame: Json) -> None:
        await send_frame(socket, {**frame, "conversation_id": self.conversation_id})
