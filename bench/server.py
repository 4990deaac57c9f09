"""Runs servers (the real one, or the bare echo server) in child processes for the benchmarks."""

from __future__ import annotations

import os
import resource
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

STARTUP_SECONDS = 120  # imports alone take half a minute on a busy machine
SERVER_CORE = 0  # the load client takes the other one (``pin_client``)
SECRET_KEY = "benchmark-secret-key-benchmark-secret-key-0123"


@dataclass(frozen=True, kw_only=True)
class Served:
    url: str
    pid: int

    @property
    def ws_url(self) -> str:
        return self.url.replace("http://", "ws://", 1) + "/api/v1/ws"

    def rss_bytes(self) -> int:
        """Resident memory of the server process, from ``/proc``."""
        status = Path(f"/proc/{self.pid}/status").read_text()
        kib = next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:"))
        return int(kib) * 1024


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def raise_open_files_limit() -> None:
    """Lets this process, and the servers it starts, hold as many sockets as allowed."""
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def _two_cores() -> bool:
    return len(os.sched_getaffinity(0)) >= 2


def pin_client() -> None:
    """Keeps the load client off the server's core, when there are two."""
    if _two_cores():
        os.sched_setaffinity(0, os.sched_getaffinity(0) - {SERVER_CORE})


@contextmanager
def _spawned(
    command: list[str], env: Mapping[str, str], *, port: int, pinned: bool
) -> Iterator[Served]:
    """Starts ``command`` (which inherits this process's open-files limit) and waits until
    it answers HTTP; ``pinned`` keeps it on ``SERVER_CORE``, set before it starts threads."""
    process = subprocess.Popen(command, env=os.environ | dict(env), stdout=subprocess.DEVNULL)
    if pinned and _two_cores():
        os.sched_setaffinity(process.pid, {SERVER_CORE})
    served = Served(url=f"http://127.0.0.1:{port}", pid=process.pid)
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            try:
                httpx.get(f"{served.url}/api/v1/openapi.json", timeout=10).raise_for_status()
                if process.poll() is None:  # not another program that took the port first
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError("the benchmark server did not start")
            time.sleep(0.1)
        yield served
    finally:
        process.terminate()
        try:
            process.wait(timeout=STARTUP_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _taskmate_env(database_url: str, data_dir: Path, port: int) -> dict[str, str]:
    return {
        "TASKMATE_DATABASE_URL": database_url,
        "TASKMATE_DATA_DIR": str(data_dir),
        "TASKMATE_SECRET_KEY": SECRET_KEY,
        "TASKMATE_RATE_LOGIN_PER_MINUTE": "0",
        "TASKMATE_LOG_LEVEL": "warning",
        "TASKMATE_PORT": str(port),
        "TASKMATE_SHUTDOWN_TIMEOUT": "1",
    }


@contextmanager
def running_server(database_url: str, data_dir: Path) -> Iterator[Served]:
    """``taskmate serve`` as a user runs it."""
    port = free_port()
    with _spawned(
        [sys.executable, "-m", "taskmate", "serve"],
        _taskmate_env(database_url, data_dir, port),
        port=port,
        pinned=False,
    ) as served:
        yield served


@contextmanager
def running_chat_server(
    database_url: str, data_dir: Path, *, settings: Mapping[str, str]
) -> Iterator[Served]:
    """The app with the benchmarks' paced responder (``bench.chat_app``), on one core;
    ``settings`` are more ``TASKMATE_*`` variables (raised limits). The database must be
    migrated already."""
    port = free_port()
    with _spawned(
        [sys.executable, "-m", "bench.chat_app"],
        _taskmate_env(database_url, data_dir, port) | dict(settings),
        port=port,
        pinned=True,
    ) as served:
        yield served


@contextmanager
def running_echo_server() -> Iterator[Served]:
    """The baseline: a bare uvicorn WebSocket server (``bench.echo_server``), on one core."""
    port = free_port()
    with _spawned(
        [sys.executable, "-m", "bench.echo_server", str(port)], {}, port=port, pinned=True
    ) as served:
        yield served
