"""The chat engine benchmarks on our server (per database) and on the bare echo server."""

from __future__ import annotations

import asyncio
import gc
import json
import math
import tempfile
import uuid
from collections.abc import Callable, Coroutine
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar

import uvloop
from tests.db_backends import empty_database
from websockets.asyncio.client import ClientConnection

from bench.accounts import bench_emails, create_conversations, sign_in
from bench.chat_acks import AckLoad, Step
from bench.chat_cost import Cost, echo_exchange, measure_cost, our_exchange
from bench.chat_history import HistoryResult, measure_history
from bench.chat_idle import bytes_per_idle_connection
from bench.chat_stream import Stream, StreamResult, Watcher, run_streams
from bench.seed import seed_messages, seed_users
from bench.server import Served, running_chat_server, running_echo_server
from bench.stream_script import StreamPlan
from bench.ws_client import close_sockets, open_sockets, subscribe
from taskmate.config import Settings
from taskmate.db import migrate

T = TypeVar("T")
CONNECTIONS_PER_USER = 100
RAISED_LIMITS = {
    "TASKMATE_RATE_MESSAGES_PER_MINUTE": "0",
    "TASKMATE_MAX_CONNECTIONS_PER_USER": str(CONNECTIONS_PER_USER),
}


@dataclass(frozen=True, kw_only=True)
class ChatSizes:
    idle_connections: int = 5000
    ack_clients: int = 500
    ack_seconds: float = 10.0
    ramp_rates: tuple[float, ...] = (100, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 4000, 6000)
    ramp_seconds: float = 3.0
    streams: int = 500
    light_streams: int = 100  # a load this machine carries: the engine's own added latency
    stream: StreamPlan = field(default_factory=lambda: StreamPlan(tokens=150, delay_us=33_333))
    history_items: int = 10_000
    resume_changes: int = 500
    history_requests: int = 300
    cost_clients: int = 20
    cost_seconds: float = 10.0
    cost_warm_up: float = 2.0

    @property
    def users(self) -> int:
        sockets = max(self.idle_connections, self.ack_clients, 2 * self.streams)
        return math.ceil(sockets / CONNECTIONS_PER_USER)


QUICK = ChatSizes(
    idle_connections=40,
    ack_clients=10,
    ack_seconds=1.0,
    ramp_rates=(20, 40),
    ramp_seconds=0.5,
    streams=5,
    light_streams=2,
    stream=StreamPlan(tokens=10, delay_us=33_333),
    history_items=120,
    resume_changes=50,
    history_requests=20,
    cost_clients=4,
    cost_seconds=1.0,
    cost_warm_up=0.5,
)


@dataclass(frozen=True, kw_only=True)
class Figures:
    """What every server is measured on; ``history`` only ours."""

    idle_bytes_per_connection: float
    acks: Step
    sustained: Step | None
    streams: StreamResult
    light_streams: StreamResult
    cost: Cost
    history: HistoryResult | None = None


def _progress(what: str) -> None:
    print(f"  {what} ...", flush=True)


def run_client(work: Coroutine[Any, Any, T]) -> T:
    """Runs a part's load client with the cyclic garbage collector off: the client keeps
    every frame it measures, and its full collections (over 100 ms) showed up as the
    server's latency."""
    gc.disable()
    try:
        return uvloop.run(work)
    finally:
        gc.enable()
        gc.collect()


Acks = tuple[Step, Step | None]  # the steady step, and the fastest sustained step of the ramp
Part = Callable[[Served], Coroutine[Any, Any, T]]


class Measure(Protocol):
    def __call__(self, what: str, part: Part[T]) -> T: ...


def _on_fresh_server(start: Callable[[], AbstractContextManager[Served]]) -> Measure:
    def measured(what: str, part: Part[T]) -> T:
        _progress(what)
        with start() as served:
            return run_client(part(served))

    return measured


def run_echo(sizes: ChatSizes) -> Figures:
    measured = _on_fresh_server(running_echo_server)

    idle = measured(
        "idle connections",
        lambda served: bytes_per_idle_connection(served, [None] * sizes.idle_connections),
    )
    acks, sustained = measured("send -> ack", lambda served: _echo_acks(served, sizes))
    return Figures(
        idle_bytes_per_connection=idle,
        acks=acks,
        sustained=sustained,
        streams=measured(
            "streams", lambda served: _echo_streams(served, sizes.streams, sizes.stream)
        ),
        light_streams=measured(
            "light streams",
            lambda served: _echo_streams(served, sizes.light_streams, sizes.stream),
        ),
        cost=measured("CPU per message", lambda served: _echo_cost(served, sizes)),
    )


def run_ours(backend: str, sizes: ChatSizes) -> Figures:
    """Each part runs on a fresh server process (the same database): what one part leaves
    behind must not land in the next one's figures, as the 5,000 closed sockets of the idle
    part did, their garbage freed by a 300 ms collection in the middle of the acks."""
    with tempfile.TemporaryDirectory() as scratch, empty_database(backend, Path(scratch)) as url:
        async_url = Settings(database_url=url).resolved_database_url
        migrate.upgrade(async_url)
        emails = bench_emails(sizes.users)
        seed_users(async_url, emails)

        measured = _on_fresh_server(
            lambda: running_chat_server(url, Path(scratch), settings=RAISED_LIMITS)
        )

        tokens = measured("signing in", lambda served: sign_in(served.url, emails))
        every_socket = [tokens[index % len(tokens)] for index in range(sizes.idle_connections)]
        idle = measured(
            "idle connections", lambda served: bytes_per_idle_connection(served, every_socket)
        )
        acks, sustained = measured("send -> ack", lambda served: _our_acks(served, tokens, sizes))
        return Figures(
            idle_bytes_per_connection=idle,
            acks=acks,
            sustained=sustained,
            streams=measured(
                "streams",
                lambda served: _our_streams(served, tokens, sizes.streams, sizes.stream),
            ),
            light_streams=measured(
                "light streams",
                lambda served: _our_streams(served, tokens, sizes.light_streams, sizes.stream),
            ),
            cost=measured("CPU per message", lambda served: _our_cost(served, tokens, sizes)),
            history=measured(
                "history", lambda served: _our_history(served, tokens, sizes, async_url)
            ),
        )


async def _echo_acks(served: Served, sizes: ChatSizes) -> Acks:
    sockets = await open_sockets(served.ws_url, [None] * sizes.ack_clients)
    acks = await _acks([(socket, "echo") for socket in sockets], sizes)
    await close_sockets(sockets)
    return acks


async def _subscribed(
    served: Served, tokens: list[str], count: int, *, assistant: str
) -> list[tuple[ClientConnection, str]]:
    """``count`` new conversations, each with a socket of its owner subscribed to it."""
    owners = await create_conversations(served.url, tokens, count, assistant=assistant)
    sockets = await open_sockets(served.ws_url, [owner.token for owner in owners])
    for socket, owner in zip(sockets, owners, strict=True):
        await subscribe(socket, owner.conversation_id)
    return [(socket, owner.conversation_id) for socket, owner in zip(sockets, owners, strict=True)]


async def _our_acks(served: Served, tokens: list[str], sizes: ChatSizes) -> Acks:
    senders = await _subscribed(served, tokens, sizes.ack_clients, assistant="off")
    acks = await _acks(senders, sizes)
    await close_sockets([socket for socket, _conversation in senders])
    return acks


async def _acks(senders: list[tuple[ClientConnection, str]], sizes: ChatSizes) -> Acks:
    """The steady step, and the fastest step of the ramp that was sustained."""
    async with AckLoad(senders) as load:
        acks = await load.step(sizes.ack_clients, sizes.ack_seconds)
        sustained = await load.ramp(sizes.ramp_rates, sizes.ramp_seconds)
    return acks, sustained


async def _echo_cost(served: Served, sizes: ChatSizes) -> Cost:
    sockets = await open_sockets(served.ws_url, [None] * sizes.cost_clients)
    clients = [(socket, echo_exchange) for socket in sockets]
    cost = await measure_cost(
        served, clients, seconds=sizes.cost_seconds, warm_up=sizes.cost_warm_up
    )
    await close_sockets(sockets)
    return cost


async def _our_cost(served: Served, tokens: list[str], sizes: ChatSizes) -> Cost:
    senders = await _subscribed(served, tokens, sizes.cost_clients, assistant="always")
    clients = [(socket, our_exchange(conversation)) for socket, conversation in senders]
    cost = await measure_cost(
        served, clients, seconds=sizes.cost_seconds, warm_up=sizes.cost_warm_up
    )
    await close_sockets([socket for socket, _conversation in senders])
    return cost


async def _echo_streams(served: Served, count: int, plan: StreamPlan) -> StreamResult:
    """As many streams as watchers on ours: each socket asks for its own and watches it."""
    sockets = await open_sockets(served.ws_url, [None] * (2 * count))
    streams = [
        Stream(
            sender=socket, request=plan.request, watchers=[Watcher(connection=socket, plan=plan)]
        )
        for socket in sockets
    ]
    result = await run_streams(streams, plan)
    await close_sockets(sockets)
    return result


async def _our_history(
    served: Served, tokens: list[str], sizes: ChatSizes, database_url: str
) -> HistoryResult:
    (owner,) = await create_conversations(served.url, tokens, 1, assistant="off")
    await asyncio.to_thread(seed_messages, database_url, owner.conversation_id, sizes.history_items)
    return await measure_history(
        served,
        owner.token,
        owner.conversation_id,
        items=sizes.history_items,
        changes=sizes.resume_changes,
        requests=sizes.history_requests,
    )


async def _our_streams(
    served: Served, tokens: list[str], count: int, plan: StreamPlan
) -> StreamResult:
    """Each conversation watched by two sockets of its owner; the first one asks."""
    owners = await create_conversations(served.url, tokens, count, assistant="always")
    sockets = await open_sockets(served.ws_url, [owner.token for owner in owners for _ in "ab"])
    streams = []
    for index, owner in enumerate(owners):
        pair = sockets[2 * index : 2 * index + 2]
        for socket in pair:
            await subscribe(socket, owner.conversation_id)
        request = {
            "type": "send",
            "conversation_id": owner.conversation_id,
            "client_id": str(uuid.uuid4()),
            "content": plan.request,
        }
        streams.append(
            Stream(
                sender=pair[0],
                request=json.dumps(request),
                watchers=[Watcher(connection=socket, plan=plan) for socket in pair],
            )
        )
    result = await run_streams(streams, plan)
    await close_sockets(sockets)
    return result
