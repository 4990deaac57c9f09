"""The scaling run: the same chat load on one instance, then on two behind the same
PostgreSQL and Redis; messages acknowledged per second, deltas delivered per second and
p99 send→ack for each, and the ratio between them."""

from __future__ import annotations

import asyncio
import os
import statistics
from dataclasses import dataclass

from bench.report import write_section

from chaos.client import Behaviour
from chaos.cluster import Cluster, Shape, running_cluster
from chaos.phase import join_fleet, leave_fleet
from chaos.report import BENCHMARKS, markdown_table

STEADY = Behaviour(socket_lifetime=(1e9, 1e9), think_time=(0.0, 0.0), patience=1e9)
WARM_UP_SECONDS = 10.0  # past the burst of every client's first message


@dataclass(frozen=True, kw_only=True)
class Load:
    clients: int
    seconds: float


@dataclass(frozen=True, kw_only=True)
class Throughput:
    instances: int
    messages_per_second: float
    deltas_per_second: float
    ack_p99_ms: float


async def measure(instances: int, load: Load) -> Throughput:
    async with running_cluster(Shape(instances=instances, proxied_database=False)) as cluster:
        return await _measure(cluster, instances, load)


async def _measure(cluster: Cluster, instances: int, load: Load) -> Throughput:
    clients = await join_fleet(cluster, load.clients, STEADY)
    running = [asyncio.create_task(client.run()) for client in clients]
    try:
        await asyncio.sleep(WARM_UP_SECONDS)  # connections open and first answers start
        acked_before = {key for client in clients for key in client.stats.ack_seconds}
        deltas_before = sum(client.stats.deltas for client in clients)
        await asyncio.sleep(load.seconds)  # the measured window
        acks = [
            seconds
            for client in clients
            for key, seconds in client.stats.ack_seconds.items()
            if key not in acked_before
        ]
        deltas = sum(client.stats.deltas for client in clients) - deltas_before
    finally:
        for task in running:
            task.cancel()
        await asyncio.gather(*running, return_exceptions=True)
        await leave_fleet(clients)
    p99 = statistics.quantiles(acks, n=100)[98] if len(acks) >= 2 else float("nan")
    return Throughput(
        instances=instances,
        messages_per_second=len(acks) / load.seconds,
        deltas_per_second=deltas / load.seconds,
        ack_p99_ms=p99 * 1000,
    )


def scale_table(results: list[Throughput]) -> str:
    base = results[0]
    rows = [
        (
            each.instances,
            f"{each.messages_per_second:.1f}",
            f"{each.deltas_per_second:.0f}",
            f"{each.ack_p99_ms:.0f}",
            f"{each.messages_per_second / base.messages_per_second:.2f}x",
        )
        for each in results
    ]
    header = ("instances", "messages/s acked", "deltas/s delivered", "p99 send→ack ms", "scaling")
    return markdown_table(header, rows)


def main(*, short: bool) -> None:
    load = Load(clients=40, seconds=8) if short else Load(clients=150, seconds=20)
    load_average = os.getloadavg()[0]
    results = []
    for instances in (1, 2):
        results.append(asyncio.run(measure(instances, load)))
        print(f"  {instances} instance(s): {results[-1]}", flush=True)
    cores = os.cpu_count()
    summary = (
        f"`python -m chaos scale`: {load.clients} clients chatting for {load.seconds:g} s with "
        "the scripted assistant (60 tokens at 30 tokens/s), each sending its next message when "
        f"the answer is complete; PostgreSQL and Redis shared. This machine has {cores} cores "
        "for the instances, the databases and the load client together, so two instances "
        f"cannot scale linearly here; the load average was {load_average:.1f} when the run "
        "started (other work shares the machine).\n\n"
    )
    table = scale_table(results)
    print(f"\n{summary}{table}")
    if not short:
        write_section("scale", "Scaling: one instance and two", summary + table, BENCHMARKS)
