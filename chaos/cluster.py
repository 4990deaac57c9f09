"""The cluster under test: a fresh PostgreSQL database behind an ``OutageProxy``, a
private Redis, and app instances, started together and torn down together."""

from __future__ import annotations

import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from chaos.instances import ClusterSettings, Instance, start_all
from chaos.proxy import OutageProxy
from chaos.rest import Account, sign_up
from chaos.services import POSTGRES_HOST, POSTGRES_PORT, PrivateRedis, database_url, fresh_database


@dataclass(frozen=True, kw_only=True)
class Shape:
    instances: int = 2
    shutdown_timeout: float = 5.0  # seconds running answers get when an instance stops
    send_queue_frames: int = 32
    # through the outage proxy, which runs in the harness's event loop beside the clients;
    # the scaling run connects directly so that the proxy is not what it measures
    proxied_database: bool = True


@dataclass(frozen=True, kw_only=True)
class Cluster:
    instances: list[Instance]
    redis: PrivateRedis
    proxy: OutageProxy
    database_dsn: str  # direct, not through the proxy: the verdict's own reads
    log_dir: Path

    async def sign_up(self) -> Account:
        """A new user with a client of its own, its requests spread over the instances."""
        return await sign_up([instance.http for instance in self.instances])

    def sockets(self) -> list[str]:
        return [instance.ws for instance in self.instances]

    def logs(self) -> str:
        return "\n".join(f"== {each.name}\n{each.log_tail()}" for each in self.instances)


@asynccontextmanager
async def running_cluster(shape: Shape) -> AsyncIterator[Cluster]:
    with tempfile.TemporaryDirectory(prefix="taskmate-chaos-") as directory:
        log_dir = Path(directory)
        proxy = OutageProxy(POSTGRES_HOST, POSTGRES_PORT)
        redis = PrivateRedis(log_dir)
        async with fresh_database() as name:
            await proxy.start()
            await redis.start()
            settings = ClusterSettings(
                database_url=database_url(name, proxy.port if shape.proxied_database else None),
                redis_url=redis.url,
                shutdown_timeout=shape.shutdown_timeout,
                send_queue_frames=shape.send_queue_frames,
            )
            instances = [
                Instance(f"instance-{index + 1}", settings, log_dir)
                for index in range(shape.instances)
            ]
            try:
                await start_all(instances)
                yield Cluster(
                    instances=instances,
                    redis=redis,
                    proxy=proxy,
                    database_dsn=database_url(name),
                    log_dir=log_dir,
                )
            finally:
                for instance in instances:
                    await instance.kill()
                await redis.stop()
                await proxy.close()
