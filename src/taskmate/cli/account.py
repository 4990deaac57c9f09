"""``taskmate login SERVER_URL`` and ``taskmate logout``."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Annotated

import httpx
import typer

from taskmate.cli import credentials
from taskmate.cli.session import fail
from taskmate.client import Taskmate, TaskmateError


async def _sign_in(server: str, token: str | None) -> credentials.Credentials:
    async with Taskmate(server, token) as taskmate:
        if token is None:
            email = typer.prompt("Email")
            password = typer.prompt("Password", hide_input=True)
            token = (await taskmate.sign_in(email, password)).access_token
        me = await taskmate.me()
    return credentials.Credentials(
        server=server.rstrip("/"), token=token, email=me.email, timezone=me.timezone
    )


def login(
    server: Annotated[str, typer.Argument(help="The server's URL, e.g. http://127.0.0.1:8000")],
    token: Annotated[
        str | None,
        typer.Option(help="A personal access token (tm_pat_…) instead of email and password."),
    ] = None,
) -> None:
    """Sign in to a Taskmate server once; `chat` and `tasks` then use it."""
    try:
        stored = asyncio.run(_sign_in(server, token))
    except TaskmateError as error:
        raise fail(error.message) from None
    except httpx.TransportError as error:
        raise fail(f"Could not reach {server}: {error or type(error).__name__}.") from None
    path = credentials.save(stored)
    typer.echo(f"Signed in to {stored.server} as {stored.email} (kept in {path}).")


def logout() -> None:
    """Forget the stored sign-in on this machine."""
    stored = credentials.load()
    if stored is not None and not stored.token.startswith("tm_pat_"):

        async def sign_out() -> None:
            async with Taskmate(stored.server, stored.token) as taskmate:
                await taskmate.sign_out()

        # the session may have ended already; the local copy goes anyway
        with contextlib.suppress(TaskmateError, httpx.TransportError):
            asyncio.run(sign_out())
    typer.echo("Signed out." if credentials.forget() else "Not signed in.")
