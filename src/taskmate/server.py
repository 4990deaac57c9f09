"""How uvicorn serves the app: the one set of options ``taskmate serve`` and the tests use."""

from __future__ import annotations

import asyncio
import signal
import socket
from contextlib import suppress
from types import FrameType
from typing import Any

import uvicorn

from taskmate.api.drain import DRAIN_STATE, Drain
from taskmate.api.json_input import FRAME
from taskmate.config import Settings

# Larger WebSocket frames close the socket with 1009 before they are read; the frame reader
# holds the same bound for servers that would pass them on.
MAX_FRAME_BYTES = FRAME.max_bytes
# Seconds requests still running get to finish once uvicorn's own shutdown begins (after the
# app's drain has ended the event streams and sockets, see TaskmateServer).
GRACEFUL_SHUTDOWN_SECONDS = 5
FORCE_EXIT_CHECK_SECONDS = 0.1  # as often as uvicorn itself looks


def server_options(settings: Settings) -> dict[str, Any]:
    """Keyword arguments for ``uvicorn.run`` or ``uvicorn.Config``.

    permessage-deflate is off: it costs memory on every socket, and frames are small. To trade
    memory for bandwidth, run uvicorn directly with ``--ws-per-message-deflate true``.
    ``X-Forwarded-For`` is left to ``TASKMATE_TRUSTED_PROXIES`` (``api/client_ip.py``), so
    uvicorn's own proxy-header handling is off.
    """
    return {
        "host": settings.host,
        "port": settings.port,
        "log_level": settings.log_level,
        "ws": "websockets-sansio",
        "ws_max_size": MAX_FRAME_BYTES,
        "ws_per_message_deflate": False,
        "proxy_headers": False,
        "timeout_graceful_shutdown": GRACEFUL_SHUTDOWN_SECONDS,
        "log_config": None,  # observability/logging.py renders uvicorn's logs like ours
        "access_log": False,  # RequestIdMiddleware logs each request, with its context
    }


class TaskmateServer(uvicorn.Server):
    """uvicorn's server, draining the app before uvicorn's own shutdown begins.

    uvicorn's shutdown stops listening at once, closes sockets with 1012 itself and gives open
    responses ``timeout_graceful_shutdown`` seconds. Before that, the app's ``Drain`` (found in
    the lifespan state) turns ``/readyz`` to 503 while the instance still answers, ends the
    live connections, and lets running generations finish (``TASKMATE_SHUTDOWN_TIMEOUT``).
    """

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        drain = self.lifespan.state.get(DRAIN_STATE)
        if isinstance(drain, Drain) and not self.force_exit:
            await self._drain(drain)
        await super().shutdown(sockets)

    async def _drain(self, drain: Drain) -> None:
        """Runs the drain, unless a second Ctrl+C asks to quit at once (``force_exit``)."""
        task = asyncio.create_task(drain.run())
        while not task.done() and not self.force_exit:
            await asyncio.wait({task}, timeout=FORCE_EXIT_CHECK_SECONDS)
        if not task.done():
            task.cancel()
        with suppress(asyncio.CancelledError):
            await task

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        if sig == signal.SIGTERM:
            # Draining is the answer to SIGTERM, and a drained exit is a clean one (status 0);
            # uvicorn would raise the signal again after shutdown and die of it.
            self.should_exit = True
            return
        super().handle_exit(sig, frame)
