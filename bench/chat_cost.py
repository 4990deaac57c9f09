"""CPU per message: what the server spends on one message and its one-token answer.

A closed loop: each client sends a message asking for a one-token answer, waits until that
answer is complete, and sends the next. The figure is the server process's CPU time (user
and system, from ``/proc``) over the messages answered in the timed window, beside the bare
echo server under the same loop (its one ``delta`` plays both the ack and the answer).
"""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from websockets.asyncio.client import ClientConnection

from bench.server import Served
from bench.stream_script import StreamPlan
from taskmate.client.socket import receive_frame, send_frame

ONE_TOKEN = StreamPlan(tokens=1, delay_us=0).request
Exchange = Callable[[ClientConnection], Awaitable[None]]


@dataclass(frozen=True, kw_only=True)
class Cost:
    messages: int
    seconds: float
    cpu_seconds: float

    @property
    def cpu_ms_per_message(self) -> float:
        return 1000 * self.cpu_seconds / self.messages if self.messages else float("nan")

    @property
    def per_second(self) -> float:
        return self.messages / self.seconds


def cpu_seconds(pid: int) -> float:
    """User plus system time of a process so far."""
    after_name = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    user, system = int(after_name[11]), int(after_name[12])  # fields 14 and 15 of stat(5)
    return (user + system) / os.sysconf("SC_CLK_TCK")


async def echo_exchange(connection: ClientConnection) -> None:
    await connection.send(ONE_TOKEN)
    await connection.recv()


def our_exchange(conversation_id: str) -> Exchange:
    """Sends one message and reads until the assistant's answer to it is complete (one
    conversation per socket, so the next completed answer is this one's)."""

    async def exchange(connection: ClientConnection) -> None:
        frame: dict[str, Any] = {
            "type": "send",
            "conversation_id": conversation_id,
            "client_id": str(uuid.uuid4()),
            "content": ONE_TOKEN,
        }
        await send_frame(connection, frame)
        while not _completed_answer(await receive_frame(connection)):
            pass

    return exchange


def _completed_answer(frame: dict[str, Any]) -> bool:
    if frame.get("type") != "item":
        return False
    item = frame["item"]
    return bool(item["role"] == "assistant" and item["status"] == "completed")


async def measure_cost(
    served: Served,
    clients: Sequence[tuple[ClientConnection, Exchange]],
    *,
    seconds: float,
    warm_up: float,
) -> Cost:
    """Runs the loop on every client; counts ``seconds`` after ``warm_up`` seconds."""
    loop = asyncio.get_running_loop()
    window: dict[str, float] = {}
    answered = 0

    async def run(connection: ClientConnection, exchange: Exchange) -> None:
        nonlocal answered
        while "end" not in window:
            await exchange(connection)
            if "start" in window and "end" not in window:
                answered += 1

    async def clock() -> None:
        await asyncio.sleep(warm_up)
        window["start"], window["cpu"] = loop.time(), cpu_seconds(served.pid)
        await asyncio.sleep(seconds)
        window["end"], window["cpu_end"] = loop.time(), cpu_seconds(served.pid)

    await asyncio.gather(clock(), *(run(connection, exchange) for connection, exchange in clients))
    return Cost(
        messages=answered,
        seconds=window["end"] - window["start"],
        cpu_seconds=window["cpu_end"] - window["cpu"],
    )
