"""App instances as real processes: uvicorn serving ``chaos.app``, each on its own port,
all sharing one database, one Redis and one secret key; killed, stopped and restarted."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import httpx

from chaos.app import SEND_QUEUE_ENV
from chaos.services import STARTUP_SECONDS, free_port

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SECRET_KEY = "chaos-suite-secret-key-chaos-suite-secret-key-0123"
STOP_SECONDS = 60.0
# Starting imports the whole app, which is CPU-bound: three at once on a loaded 2-core
# machine went over the start limit, so no more than this many start together
STARTING_AT_ONCE = 2


@dataclass(frozen=True, kw_only=True)
class ClusterSettings:
    database_url: str
    redis_url: str
    shutdown_timeout: float
    send_queue_frames: int


def instance_environment(settings: ClusterSettings) -> dict[str, str]:
    """Every instance gets the same settings; limits are raised through them, and clients
    name their own addresses through ``X-Forwarded-For`` (sign-ups are limited per IP)."""
    return os.environ | {
        "PYTHONPATH": str(PROJECT_ROOT),
        "TASKMATE_DATABASE_URL": settings.database_url,
        "TASKMATE_REDIS_URL": settings.redis_url,
        "TASKMATE_SECRET_KEY": SECRET_KEY,
        "TASKMATE_RATE_MESSAGES_PER_MINUTE": "0",
        "TASKMATE_RATE_LOGIN_PER_MINUTE": "0",
        "TASKMATE_MAX_CONNECTIONS_PER_USER": "100",
        "TASKMATE_ACCESS_TOKEN_MINUTES": "240",
        "TASKMATE_TRUSTED_PROXIES": "127.0.0.1/32",
        "TASKMATE_SHUTDOWN_TIMEOUT": str(settings.shutdown_timeout),
        SEND_QUEUE_ENV: str(settings.send_queue_frames),
        "TASKMATE_LOG_LEVEL": "warning",
    }


class Instance:
    def __init__(self, name: str, settings: ClusterSettings, log_dir: Path) -> None:
        self.name = name
        self.port = free_port()
        self._settings = settings
        self._log_path = log_dir / f"{name}.log"
        self._process: asyncio.subprocess.Process | None = None

    @property
    def http(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws(self) -> str:
        return f"ws://127.0.0.1:{self.port}/api/v1/ws"

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.returncode is None

    async def start(self) -> None:
        environment = instance_environment(self._settings)
        environment |= {
            "TASKMATE_HOST": "127.0.0.1",
            "TASKMATE_PORT": str(self.port),
            # names this instance's database sessions, so the harness sees which one holds a lock
            "TASKMATE_DATABASE_URL": f"{self._settings.database_url}?application_name={self.name}",
        }
        with self._log_path.open("ab") as log:
            self._process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "chaos.app",
                cwd=PROJECT_ROOT,
                env=environment,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        await self._until_serving()

    async def kill(self) -> None:
        """``kill -9``: no shutdown of any kind."""
        if self.running:
            assert self._process is not None
            self._process.kill()
            await self._process.wait()

    async def terminate(self) -> int:
        """SIGTERM, as a deployment stops an instance; waits for the exit and returns its code."""
        assert self._process is not None
        self._process.send_signal(signal.SIGTERM)
        async with asyncio.timeout(STOP_SECONDS):
            return await self._process.wait()

    def log_tail(self, lines: int = 30) -> str:
        return "\n".join(self._log_path.read_text(errors="replace").splitlines()[-lines:])

    async def _until_serving(self) -> None:
        async with httpx.AsyncClient(timeout=1) as client, asyncio.timeout(STARTUP_SECONDS):
            while True:
                if not self.running:
                    raise RuntimeError(f"{self.name} exited at startup:\n{self.log_tail()}")
                try:
                    await client.get(f"{self.http}/api/v1/openapi.json")
                    return
                except httpx.TransportError:
                    await asyncio.sleep(0.1)  # polling a port that no event announces


async def start_all(instances: Sequence[Instance]) -> None:
    """Starts the instances, ``STARTING_AT_ONCE`` at a time."""
    turns = asyncio.Semaphore(STARTING_AT_ONCE)

    async def start(instance: Instance) -> None:
        async with turns:
            await instance.start()

    await asyncio.gather(*(start(instance) for instance in instances))
