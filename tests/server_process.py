"""A real server in a child process (``python -m taskmate serve`` by default), on a free port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

API = "/api/v1"
STARTUP_SECONDS = 60.0  # a bound, not a wait: importing the app takes 10-20 s on a busy machine
WAIT = 10.0
SECRET_KEY = "server-process-test-secret-key-0123456789-abcdef"
SERVE = ("-m", "taskmate", "serve")


@dataclass(frozen=True)
class Server:
    process: subprocess.Popen[bytes]
    base_url: str
    log: Path

    @property
    def ws_url(self) -> str:
        return self.base_url.replace("http://", "ws://", 1) + f"{API}/ws"

    def log_tail(self) -> str:
        return self.log.read_text(errors="replace")[-4000:] if self.log.exists() else ""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def running_server(
    database_url: str,
    data_dir: Path,
    run: str,
    *,
    module: Sequence[str] = SERVE,
    arguments: Sequence[str] = (),
    env: Mapping[str, str] | None = None,
    startup_seconds: float = STARTUP_SECONDS,
) -> Iterator[Server]:
    """A real server process, started and ready (it answers ``/healthz``); always killed on
    the way out. ``module`` runs instead of ``taskmate serve``, with ``--port`` added."""
    port = free_port()
    environment = os.environ | {
        "TASKMATE_DATABASE_URL": database_url,
        "TASKMATE_DATA_DIR": str(data_dir),
        "TASKMATE_SECRET_KEY": SECRET_KEY,
        "TASKMATE_LOG_LEVEL": "warning",
        **(env or {}),
    }
    log = data_dir / f"server-{run}.log"
    with log.open("wb") as stderr:
        process = subprocess.Popen(
            [sys.executable, *module, "--port", str(port), *arguments],
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
    server = Server(process=process, base_url=f"http://127.0.0.1:{port}", log=log)
    try:
        deadline = time.monotonic() + startup_seconds
        while True:
            try:
                if httpx.get(f"{server.base_url}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the server did not start:\n{server.log_tail()}")
            time.sleep(0.1)
        yield server
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=WAIT)
