"""A real uvicorn server inside the test's event loop, configured as ``taskmate serve`` is."""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass

import uvicorn
from fastapi import FastAPI

from taskmate.api.runtime import Runtime
from taskmate.config import Settings
from taskmate.server import server_options

STARTUP_SECONDS = 10.0


class _Server(uvicorn.Server):
    @contextmanager
    def capture_signals(self) -> Iterator[None]:
        """Leaves the test runner's signal handlers alone."""
        yield


@dataclass(frozen=True, kw_only=True)
class LiveServer:
    host: str
    app: FastAPI
    server: uvicorn.Server

    @property
    def http(self) -> str:
        return f"http://{self.host}"

    @property
    def ws(self) -> str:
        return f"ws://{self.host}/api/v1/ws"

    @property
    def runtime(self) -> Runtime:
        runtime: Runtime = self.app.state.runtime
        return runtime


def free_listener(port: int = 0) -> socket.socket:
    """A socket bound to a free loopback port, for a server whose origin must be known first
    (or to ``port`` again, for a server that restarts where its clients expect it)."""
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", port))
    return listener


@asynccontextmanager
async def serving(
    app: FastAPI, settings: Settings, *, lifespan: bool, listener: socket.socket | None = None
) -> AsyncIterator[LiveServer]:
    """Serves ``app`` on ``listener`` (or a free port) until the block ends. Without
    ``lifespan``, the app's lifespan is left to the caller (the ``app`` fixture runs it)."""
    listener = listener or free_listener()
    options = server_options(settings) | {
        "log_config": None,
        "access_log": False,
        "lifespan": "on" if lifespan else "off",
    }
    server = _Server(uvicorn.Config(app, **options))
    task = asyncio.create_task(server.serve(sockets=[listener]))
    await until(lambda: server.started or task.done(), STARTUP_SECONDS)
    if task.done():
        await task  # raises what stopped it
    host, port = listener.getsockname()
    try:
        yield LiveServer(host=f"{host}:{port}", app=app, server=server)
    finally:
        server.should_exit = True
        await task


async def until(condition: Callable[[], bool | Awaitable[bool]], seconds: float = 5.0) -> None:
    """Polls a condition that no event announces, until a deadline."""
    deadline = time.monotonic() + seconds
    while True:
        holds = condition()
        if not isinstance(holds, bool):
            holds = await holds
        if holds:
            return
        if time.monotonic() > deadline:
            raise TimeoutError(f"the condition did not hold within {seconds} s")
        await asyncio.sleep(0.01)
