"""Driving the ``taskmate`` command: as a child process, or in a tmux pane (for the chat),
with every wait a poll against a deadline."""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from tests.db_backends import missing

TASKMATE = str(Path(sys.executable).with_name("taskmate"))
WAIT = 20.0


def client_env(config_home: Path) -> dict[str, str]:
    """The environment of a client command whose credentials live in ``config_home``."""
    return os.environ | {"XDG_CONFIG_HOME": str(config_home), "NO_COLOR": "1"}


async def taskmate(*arguments: str, env: Mapping[str, str]) -> tuple[int, str, str]:
    """Runs ``taskmate ARGUMENTS`` without blocking the loop (the server lives in it)."""
    process = await asyncio.create_subprocess_exec(
        TASKMATE, *arguments, env=dict(env), stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    async with asyncio.timeout(WAIT):
        out, err = await process.communicate()
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


def tmux_path() -> str:
    """tmux (`make test` installs it); missing fails in CI, skips elsewhere."""
    found = shutil.which("tmux")
    if found is None:
        missing("tmux is not installed (apt-get install -y tmux)")
    assert found is not None
    return found


class Pane:
    def __init__(self, tmux: str, name: str) -> None:
        self._tmux = tmux
        self.name = name

    def send(self, text: str, *, enter: bool = True) -> None:
        subprocess.run([self._tmux, "send-keys", "-t", self.name, "-l", text], check=True)
        if enter:
            subprocess.run([self._tmux, "send-keys", "-t", self.name, "Enter"], check=True)

    def screen(self) -> str:
        captured = subprocess.run(
            [self._tmux, "capture-pane", "-p", "-J", "-S", "-200", "-t", self.name],
            check=True,
            capture_output=True,
            text=True,
        )
        return captured.stdout

    async def wait_for(self, text: str, seconds: float = WAIT) -> str:
        """Polls the pane until it shows ``text``; the screen then."""
        deadline = time.monotonic() + seconds
        while text not in (screen := self.screen()):
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} did not appear within {seconds} s:\n{screen}")
            await asyncio.sleep(0.1)
        return screen


@contextmanager
def pane(command: str, env: Mapping[str, str]) -> Iterator[Pane]:
    """A detached tmux session running ``command`` (killed on the way out)."""
    tmux = tmux_path()
    name = f"taskmate-test-{uuid.uuid4().hex[:8]}"
    variables = [
        part for key in ("XDG_CONFIG_HOME", "NO_COLOR") for part in ("-e", f"{key}={env[key]}")
    ]
    subprocess.run(
        [tmux, "new-session", "-d", "-s", name, "-x", "160", "-y", "50", *variables, command],
        check=True,
        env=dict(env),
    )
    try:
        yield Pane(tmux, name)
    finally:
        subprocess.run([tmux, "kill-session", "-t", name], check=False)
