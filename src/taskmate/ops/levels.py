"""The levels ``/metrics`` reports as gauges, read from where they live: the open live
connections (the drain's registry) and the database pool."""

from __future__ import annotations

from collections import Counter

from sqlalchemy.pool import QueuePool

from taskmate.api.runtime import Runtime
from taskmate.observability.metrics import Metrics

TRANSPORTS = ("ws", "sse")


def sample_levels(runtime: Runtime) -> None:
    """Registers the samplers of the runtime's levels with its metrics."""

    def connections(metrics: Metrics) -> None:
        open_connections = runtime.drain.connections
        by_transport = Counter(connection.transport for connection in open_connections)
        for transport in TRANSPORTS:
            metrics.connections.labels(transport).set(by_transport[transport])
        metrics.subscriptions.set(sum(c.subscriptions for c in open_connections))

    def database_pool(metrics: Metrics) -> None:
        pool = runtime.database.engine.sync_engine.pool
        if not isinstance(pool, QueuePool):  # nothing pooled to report
            return
        metrics.db_pool.labels("in_use").set(pool.checkedout())
        metrics.db_pool.labels("idle").set(pool.checkedin())
        metrics.db_pool.labels("overflow").set(max(pool.overflow(), 0))

    runtime.metrics.add_sampler(connections)
    runtime.metrics.add_sampler(database_pool)
