"""The cluster's backing services: a fresh PostgreSQL database migrated with
``taskmate migrate``, and a private redis-server that the harness may restart (the
machine's shared Redis is never touched)."""

from __future__ import annotations

import asyncio
import os
import socket
import sys
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import psycopg
from redis.asyncio import Redis
from redis.exceptions import ConnectionError as RedisConnectionError

POSTGRES_HOST = os.environ.get("CHAOS_POSTGRES_HOST", "127.0.0.1")
POSTGRES_PORT = int(os.environ.get("CHAOS_POSTGRES_PORT", "5432"))
ADMIN_DSN = f"postgresql://postgres@{POSTGRES_HOST}:{POSTGRES_PORT}/postgres"
STARTUP_SECONDS = 60.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def database_url(name: str, port: int | None = None) -> str:
    """The database's URL, directly or through a proxy listening on ``port``."""
    return f"postgresql://postgres@{POSTGRES_HOST}:{port or POSTGRES_PORT}/{name}"


@asynccontextmanager
async def fresh_database() -> AsyncIterator[str]:
    """Creates and migrates a database of its own; yields its name and drops it at the end."""
    name = f"taskmate_chaos_{uuid.uuid4().hex[:12]}"
    async with await psycopg.AsyncConnection.connect(ADMIN_DSN, autocommit=True) as admin:
        await admin.execute(f'CREATE DATABASE "{name}"')
    try:
        await _migrate(database_url(name))
        yield name
    finally:
        async with await psycopg.AsyncConnection.connect(ADMIN_DSN, autocommit=True) as admin:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


async def _migrate(url: str) -> None:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "taskmate",
        "migrate",
        env=os.environ | {"TASKMATE_DATABASE_URL": url},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await process.communicate()
    if process.returncode != 0:
        raise RuntimeError(f"taskmate migrate failed:\n{output.decode(errors='replace')}")


class PrivateRedis:
    """A redis-server of the harness's own, on a free port, without persistence: a restart
    loses everything in it, as a real Redis restart without a disk would."""

    def __init__(self, log_dir: Path) -> None:
        self.port = free_port()
        self._log = log_dir / "redis.log"
        self._process: asyncio.subprocess.Process | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    async def start(self) -> None:
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
        command += ["--save", "", "--appendonly", "no", "--logfile", str(self._log)]
        self._process = await asyncio.create_subprocess_exec(
            *command, stdout=asyncio.subprocess.DEVNULL
        )
        await self._until_answering()

    async def stop(self) -> None:
        if self._process is None:
            return
        self._process.terminate()
        async with asyncio.timeout(STARTUP_SECONDS):
            await self._process.wait()
        self._process = None

    async def restart(self) -> None:
        await self.stop()
        await self.start()

    async def _until_answering(self) -> None:
        client = Redis.from_url(self.url)
        try:
            async with asyncio.timeout(STARTUP_SECONDS):
                while True:
                    try:
                        await client.get("chaos:probe")
                        return
                    except (OSError, RedisConnectionError):
                        await asyncio.sleep(0.05)  # polling a port that no event announces
        finally:
            await client.aclose()
