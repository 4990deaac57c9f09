"""The signed-in client the ``tasks`` and ``chat`` commands share."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar
from zoneinfo import ZoneInfo

import httpx
import typer

from taskmate.cli import credentials
from taskmate.client import Taskmate, TaskmateError

Result = TypeVar("Result")


def fail(message: str, code: int = 1) -> typer.Exit:
    typer.secho(message, err=True, fg=typer.colors.RED)
    return typer.Exit(code=code)


def signed_in() -> tuple[credentials.Credentials, ZoneInfo]:
    stored = credentials.load()
    if stored is None:
        raise fail("Not signed in: run `taskmate login SERVER_URL` first.")
    return stored, ZoneInfo(stored.timezone)


def run_signed_in(action: Callable[[Taskmate], Awaitable[Result]]) -> Result:
    """Runs ``action`` with a client for the stored server and token; the protocol's
    errors and unreachable servers end the command with their message."""
    stored, _zone = signed_in()

    async def run() -> Result:
        async with Taskmate(stored.server, stored.token) as taskmate:
            return await action(taskmate)

    try:
        return asyncio.run(run())
    except TaskmateError as error:
        hint = " Run `taskmate login` again." if error.code == "unauthorized" else ""
        raise fail(f"{error.message}{hint}") from None
    except httpx.TransportError as error:
        raise fail(f"Could not reach {stored.server}: {error or type(error).__name__}.") from None
