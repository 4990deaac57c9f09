"""The instance's way out: what happens between SIGTERM and exit, in the protocol's order.

``Drain.run()`` (called by ``TaskmateServer`` before uvicorn's own shutdown) marks the
instance as draining, so ``/readyz`` answers 503 and new live connections are refused with
503; asks every open live connection to end (WebSockets close with 1012, event streams end)
so its client resumes on another instance; waits for them to go; then runs the finishers
(the generation runner's ``close(grace=TASKMATE_SHUTDOWN_TIMEOUT)``). Only then does uvicorn
stop listening and the app's lifespan end.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from contextlib import suppress
from typing import Protocol

from taskmate.errors import Unavailable

DRAIN_STATE = "taskmate_drain"  # the app's lifespan state holds the Drain under this key
DRAINING = "This instance is shutting down; connect again and you will reach another one."
# How long open connections get to go after they were asked to; a client that does not read
# its close frame is left to uvicorn, which closes whatever remains.
CONNECTIONS_GRACE_SECONDS = 5.0


class LiveConnection(Protocol):
    transport: str  # "ws" or "sse"

    @property
    def subscriptions(self) -> int: ...

    def restart(self) -> None:
        """Asks the connection to end so that its client reconnects elsewhere."""


Finisher = Callable[[], Awaitable[None]]


class Drain:
    def __init__(self) -> None:
        self.draining = False
        self._connections: set[LiveConnection] = set()
        self._all_gone = asyncio.Event()
        self._all_gone.set()
        self._finishers: list[Finisher] = []

    def admit(self, connection: LiveConnection) -> None:
        """Counts a new live connection in, or refuses it once draining (``Unavailable``)."""
        if self.draining:
            raise Unavailable(DRAINING)
        self._connections.add(connection)
        self._all_gone.clear()

    def release(self, connection: LiveConnection) -> None:
        self._connections.discard(connection)
        if not self._connections:
            self._all_gone.set()

    @property
    def connections(self) -> frozenset[LiveConnection]:
        return frozenset(self._connections)

    def on_drain(self, finisher: Finisher) -> Callable[[], None]:
        """Runs ``finisher`` once the connections are gone; returns what unregisters it."""
        self._finishers.append(finisher)
        return lambda: self._finishers.remove(finisher)

    async def run(self, *, connections_grace: float = CONNECTIONS_GRACE_SECONDS) -> None:
        if self.draining:
            return
        self.draining = True
        for connection in list(self._connections):
            connection.restart()
        with suppress(TimeoutError):
            async with asyncio.timeout(connections_grace):
                await self._all_gone.wait()
        for finisher in list(self._finishers):
            await finisher()
