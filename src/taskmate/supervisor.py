"""``taskmate serve --workers N``: N worker processes sharing one listening socket.

uvicorn's own supervisor builds plain ``uvicorn.Server`` workers; ours runs ``TaskmateServer``
in each, so every worker drains on SIGTERM. The parent forwards SIGTERM and SIGINT to the
workers, waits for their drains, and replaces a worker that dies while serving.

Metrics: the workers share a fresh ``PROMETHEUS_MULTIPROC_DIR`` (unless one is set), so any
worker's ``/metrics`` answers for all of them; a worker that ends is marked dead there.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import socket
import tempfile
import threading
from multiprocessing.process import BaseProcess
from types import FrameType

import uvicorn
from prometheus_client import multiprocess

from taskmate.observability.metrics import MULTIPROCESS_DIR_VARIABLE
from taskmate.server import TaskmateServer

STARTUP_FAILURE = 3  # uvicorn's exit status for a worker that could not start
CHECK_SECONDS = 0.5


def _serve(config: uvicorn.Config, sockets: list[socket.socket]) -> None:
    config.configure_logging()
    TaskmateServer(config).run(sockets=sockets)


def _start(config: uvicorn.Config, listener: socket.socket) -> BaseProcess:
    process = multiprocessing.get_context("spawn").Process(
        target=_serve, args=(config, [listener]), name="taskmate-worker"
    )
    process.start()
    return process


def supervise(config: uvicorn.Config, workers: int) -> int:
    """Runs the workers until SIGTERM or SIGINT; the exit status for the parent."""
    if MULTIPROCESS_DIR_VARIABLE in os.environ:
        return _supervise(config, workers)
    with tempfile.TemporaryDirectory(prefix="taskmate-metrics-") as directory:
        os.environ[MULTIPROCESS_DIR_VARIABLE] = directory  # inherited by the workers
        try:
            return _supervise(config, workers)
        finally:
            del os.environ[MULTIPROCESS_DIR_VARIABLE]


def _supervise(config: uvicorn.Config, workers: int) -> int:
    listener = config.bind_socket()
    stop = threading.Event()

    def request_stop(sig: int, frame: FrameType | None) -> None:
        stop.set()

    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, request_stop)
    processes = [_start(config, listener) for _ in range(workers)]
    status = 0
    while not stop.wait(CHECK_SECONDS):
        for index, process in enumerate(processes):
            if process.is_alive():
                continue
            _forget(process)
            if process.exitcode == STARTUP_FAILURE:  # would fail again: give up
                status = STARTUP_FAILURE
                stop.set()
                break
            processes[index] = _start(config, listener)
    for process in processes:
        if process.pid is not None and process.exitcode is None:
            os.kill(process.pid, signal.SIGTERM)
    for process in processes:
        process.join()
        _forget(process)
    listener.close()
    return status


def _forget(process: BaseProcess) -> None:
    """Drops an ended worker's live gauges from the shared metrics."""
    if process.pid is not None:
        multiprocess.mark_process_dead(process.pid)  # type: ignore[no-untyped-call]
