"""The faults, one per phase. Each injects itself into a running cluster while the fleet
chats, and returns notes for the report."""

from __future__ import annotations

import asyncio
import random
import socket as sockets
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from websockets.asyncio.client import ClientConnection
from websockets.exceptions import ConnectionClosed

from chaos.cluster import Cluster
from taskmate.client.socket import open_authenticated, send_frame

POSTGRES_OUTAGE_SECONDS = 10.0
SLOW_HISTORY = 30
SLOW_SUBSCRIBES = 60
SLOW_MESSAGE_CHARS = 10_000
SLOW_CLOSE_SECONDS = 20.0
TOO_SLOW = 4409


@dataclass(frozen=True, kw_only=True)
class Fault:
    name: str
    inject: Callable[[Cluster], Awaitable[list[str]]]


async def kill_mid_stream(cluster: Cluster) -> list[str]:
    """``kill -9`` of one instance while answers stream, then a fresh process in its place."""
    victim = random.choice([each for each in cluster.instances if each.running])
    await victim.kill()
    await victim.start()
    return [f"{victim.name} killed with SIGKILL and restarted"]


async def rolling_restart(cluster: Cluster) -> list[str]:
    """SIGTERM to every instance in turn, each started again before the next one stops."""
    notes = []
    for instance in cluster.instances:
        started = time.monotonic()
        code = await instance.terminate()
        took = time.monotonic() - started
        notes.append(f"{instance.name} stopped (status {code}) {took:.1f} s after SIGTERM")
        await instance.start()
    return notes


async def restart_redis(cluster: Cluster) -> list[str]:
    await cluster.redis.restart()
    return ["the private Redis restarted, empty"]


async def postgres_outage(cluster: Cluster) -> list[str]:
    await cluster.proxy.outage(POSTGRES_OUTAGE_SECONDS)
    return [f"PostgreSQL cut and refused for {POSTGRES_OUTAGE_SECONDS:.0f} s"]


async def slow_reader(cluster: Cluster) -> list[str]:
    """A client that stops reading while it asks, again and again, for a history of large
    messages: the server must close it with 4409 instead of slowing anyone else."""
    account = await cluster.sign_up()
    async with account.taskmate as taskmate:
        conversation = await taskmate.conversations.create(assistant="off")
        for _ in range(SLOW_HISTORY):
            await taskmate.conversations.send(conversation.id, "x" * SLOW_MESSAGE_CHARS)
    instance = random.choice([each for each in cluster.instances if each.running])
    ws, _ = await open_authenticated(
        instance.ws, account.token, sock=_small_receive_buffer(instance.port), max_queue=1
    )
    async with ws:
        subscribe = {"type": "subscribe", "conversation_id": conversation.id, "after_seq": 0}
        for _ in range(SLOW_SUBSCRIBES):
            await send_frame(ws, subscribe)
        code = await _close_code(ws)
    outcome = "closed 4409 as too slow" if code == TOO_SLOW else f"NOT closed 4409 (code {code})"
    asked = f"asking {SLOW_SUBSCRIBES} times for {SLOW_HISTORY} large messages"
    return [f"a client that never reads, {asked}: {outcome}"]


def _small_receive_buffer(port: int) -> sockets.socket:
    """A connected socket whose kernel buffer holds little, so the server feels a client that
    stops reading quickly."""
    connection = sockets.socket()
    connection.setsockopt(sockets.SOL_SOCKET, sockets.SO_RCVBUF, 4096)
    connection.connect(("127.0.0.1", port))
    connection.setblocking(False)
    return connection


async def _close_code(ws: ClientConnection) -> int | None:
    """Reads everything the server had queued until it closes the socket; its close code."""
    try:
        async with asyncio.timeout(SLOW_CLOSE_SECONDS):
            async for _ in ws:
                pass
    except (ConnectionClosed, TimeoutError):
        pass
    return ws.close_code


FAULTS = (
    Fault(name="kill -9 mid-stream", inject=kill_mid_stream),
    Fault(name="SIGTERM rolling restart", inject=rolling_restart),
    Fault(name="Redis restart", inject=restart_redis),
    Fault(name="PostgreSQL down 10 s", inject=postgres_outage),
    Fault(name="slow client", inject=slow_reader),
)
