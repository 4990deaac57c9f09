"""Memory per idle connection: the server's resident memory before and after opening them."""

from __future__ import annotations

from collections.abc import Sequence

from bench.server import Served
from bench.ws_client import close_sockets, open_sockets

WARMUP_CONNECTIONS = 50  # first sockets allocate buffers and code paths every later one reuses


async def bytes_per_idle_connection(served: Served, tokens: Sequence[str | None]) -> float:
    """Opens one socket per token (``None``: no authentication, the echo server), each
    signed in and idle; the server's RSS growth divided by their number."""
    await close_sockets(await open_sockets(served.ws_url, tokens[:WARMUP_CONNECTIONS]))
    before = served.rss_bytes()
    connections = await open_sockets(served.ws_url, tokens)
    after = served.rss_bytes()
    await close_sockets(connections)
    return (after - before) / len(tokens)
