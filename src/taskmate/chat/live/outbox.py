"""A connection's bounded queue of work for its writer."""

from __future__ import annotations

import asyncio
from collections import deque
from typing import Any


class Overflowed(Exception):
    """The client read too slowly: its queue filled up, and the connection must close."""


class Finished(Exception):
    """The connection ended: nothing more goes out."""


class Outbox:
    """``put`` never blocks, so publishing never waits for a slow client: when the queue is
    full the connection is marked as overflowed, its queue is dropped, and ``get`` raises
    ``Overflowed`` for the writer to close it (the client resumes from its last ``seq``)."""

    __slots__ = ("_entries", "_finished", "_size", "_wakeup", "overflowed")

    def __init__(self, size: int) -> None:
        self._entries: deque[Any] = deque()
        self._size = size
        self._wakeup = asyncio.Event()
        self._finished = False
        self.overflowed = False

    def put(self, entry: Any) -> None:
        if self.overflowed:
            return
        if len(self._entries) >= self._size:
            self.overflowed = True
            self._entries.clear()
        else:
            self._entries.append(entry)
        self._wakeup.set()

    def finish(self) -> None:
        """Makes ``get`` raise ``Finished`` once the entries already queued are taken."""
        self._finished = True
        self._wakeup.set()

    async def get(self, *, idle: float | None = None) -> Any:
        """The next entry, or None when ``idle`` seconds pass without one."""
        while not self._entries:
            if self.overflowed:
                raise Overflowed
            if self._finished:
                raise Finished
            self._wakeup.clear()
            try:
                await asyncio.wait_for(self._wakeup.wait(), idle)
            except TimeoutError:
                return None
        if self.overflowed:
            raise Overflowed
        return self._entries.popleft()
