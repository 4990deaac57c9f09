"""Send → ack latency under a steady load, and the highest rate acknowledged without lag.

Open loop: every socket sends on its own schedule whatever the answers do, and latency counts
from the scheduled time, so a server that falls behind shows it in full. On the echo server
the echoed ``send`` frame plays the ack.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass

from websockets.asyncio.client import ClientConnection
from websockets.exceptions import ConnectionClosed

from bench.stats import Latency, summarise
from taskmate.client.socket import receive_frame, send_frame

DRAIN_SECONDS = 5.0  # counted: acks later than this are unanswered
SETTLE_SECONDS = 60.0  # not counted: a late step's backlog may clear before the next one
LAG_P99_MS = 100.0  # a step whose p99 goes past this (or that loses an ack) is not sustained
ACKED_AT_LEAST = 0.99


@dataclass(frozen=True, kw_only=True)
class Step:
    offered_per_second: float
    acked_per_second: float
    latency: Latency
    unanswered: int
    closed: bool  # the server closed a socket (uvicorn's keepalive timeout, when it lags)

    @property
    def sustained(self) -> bool:
        answered = self.latency.requests / (self.latency.requests + self.unanswered)
        return self.latency.p99_ms < LAG_P99_MS and answered >= ACKED_AT_LEAST and not self.closed


class AckLoad:
    """Senders: sockets, each with the conversation it writes to (subscribed already)."""

    def __init__(self, senders: Sequence[tuple[ClientConnection, str]]) -> None:
        self._senders = senders
        self._scheduled: dict[str, float] = {}
        self._latencies_ms: list[float] = []
        self._last_ack = 0.0
        self._all_sent = True
        self._all_acked = asyncio.Event()
        self._all_acked.set()
        self._closed = False
        self._readers: list[asyncio.Task[None]] = []

    async def ramp(self, rates: Sequence[float], seconds: float) -> Step | None:
        """The fastest step sustained, going up ``rates`` until one is not."""
        best = None
        for rate in rates:
            step = await self.step(rate, seconds)
            if not step.sustained:
                break
            best = step
        return best

    async def __aenter__(self) -> AckLoad:
        self._readers = [asyncio.create_task(self._read(socket)) for socket, _ in self._senders]
        return self

    async def __aexit__(self, *_exc: object) -> None:
        await self._settle()
        for reader in self._readers:
            reader.cancel()
        await asyncio.gather(*self._readers, return_exceptions=True)

    async def _read(self, connection: ClientConnection) -> None:
        with suppress(ConnectionClosed):
            while True:
                client_id = (await receive_frame(connection)).get("client_id")
                scheduled = self._scheduled.pop(client_id, None) if client_id else None
                if scheduled is not None:
                    self._last_ack = time.perf_counter()
                    self._latencies_ms.append((self._last_ack - scheduled) * 1000)
                    self._note_if_all_acked()
        self._closed = True

    async def step(self, rate: float, seconds: float) -> Step:
        """Sends ``rate`` messages per second in all for ``seconds``, spread evenly over the
        sockets, then waits a little for the last acks."""
        await self._settle()
        self._latencies_ms = []
        self._all_sent = False
        self._all_acked.clear()
        spacing = len(self._senders) / rate  # between two sends of one socket
        start = time.perf_counter() + 0.1
        await asyncio.gather(
            *(
                self._send_each(
                    socket,
                    conversation_id,
                    first=start + index * spacing / len(self._senders),
                    spacing=spacing,
                    count=max(int(seconds / spacing), 1),
                )
                for index, (socket, conversation_id) in enumerate(self._senders)
            )
        )
        self._all_sent = True
        self._note_if_all_acked()
        with suppress(TimeoutError):
            await asyncio.wait_for(self._all_acked.wait(), DRAIN_SECONDS)
        unanswered = len(self._scheduled)
        return Step(
            offered_per_second=rate,
            acked_per_second=len(self._latencies_ms) / max(self._last_ack - start, 1e-9),
            latency=summarise(self._latencies_ms),
            unanswered=unanswered,
            closed=self._closed,
        )

    async def _settle(self) -> None:
        """Waits (within reason) for the acks a previous step left behind, then forgets them."""
        if not self._closed:  # otherwise some never come
            with suppress(TimeoutError):
                await asyncio.wait_for(self._all_acked.wait(), SETTLE_SECONDS)
        self._scheduled.clear()

    async def _send_each(
        self,
        connection: ClientConnection,
        conversation_id: str,
        *,
        first: float,
        spacing: float,
        count: int,
    ) -> None:
        for index in range(count):
            due = first + index * spacing
            wait = due - time.perf_counter()
            if wait > 0:
                await asyncio.sleep(wait)
            client_id = str(uuid.uuid4())
            self._scheduled[client_id] = due
            frame = {
                "type": "send",
                "conversation_id": conversation_id,
                "client_id": client_id,
                "content": "hello",
            }
            try:
                await send_frame(connection, frame)
            except ConnectionClosed:
                self._closed = True
                return

    def _note_if_all_acked(self) -> None:
        if self._all_sent and not self._scheduled:
            self._all_acked.set()
