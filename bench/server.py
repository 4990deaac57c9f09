"""Runs the real server (uvicorn, one worker) in a child process for the benchmarks."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

STARTUP_SECONDS = 30


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def running_server(database_url: str, data_dir: Path) -> Iterator[str]:
    port = free_port()
    env = os.environ | {
        "TASKMATE_DATABASE_URL": database_url,
        "TASKMATE_DATA_DIR": str(data_dir),
        "TASKMATE_SECRET_KEY": "benchmark-secret-key-benchmark-secret-key-0123",
        "TASKMATE_RATE_LOGIN_PER_MINUTE": "0",
        "TASKMATE_LOG_LEVEL": "warning",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "taskmate", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            try:
                httpx.get(f"{base_url}/api/v1/openapi.json", timeout=1)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("the benchmark server did not start") from None
                time.sleep(0.1)
        yield base_url
    finally:
        process.terminate()
        process.wait(timeout=STARTUP_SECONDS)
