"""A TCP proxy in front of PostgreSQL that the harness can take away: during an outage it
cuts every open connection and refuses new ones, as a database that went down would."""

from __future__ import annotations

import asyncio
from contextlib import suppress

CHUNK = 64 * 1024


class OutageProxy:
    def __init__(self, upstream_host: str, upstream_port: int) -> None:
        self._upstream = (upstream_host, upstream_port)
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        self.down = False

    @property
    def port(self) -> int:
        assert self._server is not None, "start() the proxy first"
        port: int = self._server.sockets[0].getsockname()[1]
        return port

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", 0)

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
        self._cut()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    async def outage(self, seconds: float) -> None:
        """Cuts every connection, refuses new ones for ``seconds``, then lets them in again."""
        self.down = True
        self._cut()
        try:
            await asyncio.sleep(seconds)  # the outage's length is the fault itself
        finally:
            self.down = False

    def _cut(self) -> None:
        for writer in list(self._writers):
            writer.transport.abort()
        self._writers.clear()

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if self.down:
            writer.transport.abort()
            return
        try:
            up_reader, up_writer = await asyncio.open_connection(*self._upstream)
        except OSError:
            writer.transport.abort()
            return
        pair = (writer, up_writer)
        self._writers.update(pair)
        pipes = [
            asyncio.create_task(_pipe(reader, up_writer)),
            asyncio.create_task(_pipe(up_reader, writer)),
        ]
        self._tasks.update(pipes)
        try:
            await asyncio.wait(pipes, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for each in pair:
                each.transport.abort()
                self._writers.discard(each)
            for pipe in pipes:
                pipe.cancel()
                self._tasks.discard(pipe)
            await asyncio.gather(*pipes, return_exceptions=True)


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    with suppress(OSError, asyncio.IncompleteReadError):
        while chunk := await reader.read(CHUNK):
            writer.write(chunk)
            await writer.drain()
