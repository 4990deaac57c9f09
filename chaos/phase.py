"""One phase: a fresh fleet chats with the cluster, one fault strikes mid-stream, the load
goes on for a while, then the fleet settles and is judged."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from chaos.client import Behaviour, ChatClient
from chaos.cluster import Cluster
from chaos.faults import Fault
from chaos.verdict import Verdict, judge
from chaos.waiting import until

WARM_UP_SECONDS = 30.0
SETTLE_SECONDS = 90.0
JOINING_AT_ONCE = 4


@dataclass(frozen=True, kw_only=True)
class Plan:
    clients: int
    load_after_fault: float  # seconds the fleet keeps chatting once the fault has struck
    behaviour: Behaviour = field(default_factory=Behaviour)


async def run_phase(cluster: Cluster, fault: Fault, plan: Plan) -> Verdict:
    clients = await join_fleet(cluster, plan.clients, plan.behaviour)
    running = [asyncio.create_task(client.run()) for client in clients]
    try:
        warm = await until(lambda: _mid_stream(clients), WARM_UP_SECONDS)
        notes = await fault.inject(cluster)
        await asyncio.sleep(plan.load_after_fault)  # the load itself, not a synchronisation
        for client in clients:
            client.sending = False
        settled = await until(lambda: all(client.settled for client in clients), SETTLE_SECONDS)
        verdict = await judge(fault.name, clients, cluster.database_dsn)
    finally:
        for task in running:
            task.cancel()
        await asyncio.gather(*running, return_exceptions=True)
        await leave_fleet(clients)
    if not warm:
        notes.append("the fleet was not streaming when the fault struck")
    if not settled:
        notes.append(f"the fleet had not settled {SETTLE_SECONDS:.0f} s after the load stopped")
    verdict.notes[:0] = notes
    return verdict


async def join_fleet(cluster: Cluster, size: int, behaviour: Behaviour) -> list[ChatClient]:
    """``size`` clients, each signed up with a conversation of its own (a few at a time:
    password hashing is slow on purpose, and a sign-up that timed out cannot be retried)."""
    turns = asyncio.Semaphore(JOINING_AT_ONCE)

    async def join() -> ChatClient:
        async with turns:
            account = await cluster.sign_up()
            conversation = await account.taskmate.conversations.create(assistant="always")
        return ChatClient(cluster.sockets, account, conversation.id, behaviour)

    return list(await asyncio.gather(*(join() for _ in range(size))))


async def leave_fleet(clients: list[ChatClient]) -> None:
    """Closes each client's REST connections."""
    await asyncio.gather(*(client.account.taskmate.aclose() for client in clients))


def _mid_stream(clients: list[ChatClient]) -> bool:
    """Every client has had a message acknowledged, and half of them are being answered."""
    answering = 0
    for client in clients:
        last = client.transcript.last_message()
        if not client.stats.ack_seconds:
            return False
        if last is not None and last.status == "streaming":
            answering += 1
    return answering * 2 >= len(clients)
