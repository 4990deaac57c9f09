"""``taskmate user create | list | set-password``: account administration."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

if TYPE_CHECKING:  # the server stack is imported by the commands that run (see cli/app.py)
    from sqlalchemy.ext.asyncio import AsyncSession

    from taskmate.auth.models import User
    from taskmate.auth.schemas import RegisterIn
    from taskmate.auth.service import AuthService

users = typer.Typer(help="Manage accounts (also when sign-ups are closed).", no_args_is_help=True)
Result = TypeVar("Result")

PasswordOption = Annotated[
    str,
    typer.Option(
        prompt=True,
        hide_input=True,
        confirmation_prompt=True,
        help="At least 8 characters; asked for when omitted.",
    ),
]


def _run(action: Callable[[AsyncSession, AuthService], Awaitable[Result]]) -> Result:
    from taskmate.auth.service import AuthService
    from taskmate.auth.tokens import TokenCodec
    from taskmate.broker import LocalBroker
    from taskmate.config import load_settings
    from taskmate.db.base import utcnow
    from taskmate.db.engine import Database
    from taskmate.errors import AppError

    async def run() -> Result:
        settings = load_settings()
        database = Database(settings.resolved_database_url)
        tokens = TokenCodec(settings.signing_key(), access_minutes=settings.access_token_minutes)
        try:
            async with database.session(write=True) as session:
                service = AuthService(
                    session,
                    tokens=tokens,
                    events=LocalBroker(),
                    refresh_lifetime=timedelta(days=settings.refresh_token_days),
                    clock=utcnow,
                )
                return await action(session, service)
        finally:
            await database.dispose()

    try:
        return asyncio.run(run())
    except AppError as error:
        typer.secho(error.message, err=True, fg=typer.colors.RED)
        raise typer.Exit(code=1) from None


def _validated(email: str, password: str, name: str, timezone: str) -> RegisterIn:
    from pydantic import ValidationError

    from taskmate.auth.schemas import RegisterIn

    try:
        return RegisterIn(email=email, password=password, name=name, timezone=timezone)
    except ValidationError as error:
        problems = "; ".join(f"{e['loc'][0]}: {e['msg']}" for e in error.errors())
        typer.secho(problems, err=True, fg=typer.colors.RED)
        raise typer.Exit(code=2) from None


@users.command("create")
def create(
    email: str,
    password: PasswordOption,
    name: Annotated[str, typer.Option(help="Display name.")] = "",
    timezone: Annotated[str, typer.Option(help="IANA time zone.")] = "UTC",
) -> None:
    """Create an account."""
    body = _validated(email, password, name, timezone)

    async def create_account(session: AsyncSession, service: AuthService) -> User:
        user = await service.create_user(
            email=str(body.email), password=body.password, name=body.name, timezone=body.timezone
        )
        await session.commit()
        return user

    user = _run(create_account)
    typer.echo(f"Created {user.email} ({user.id}).")


@users.command("list")
def list_users() -> None:
    """List accounts."""
    from sqlalchemy import select

    from taskmate.auth.models import User

    async def fetch(session: AsyncSession, _service: AuthService) -> list[User]:
        return list(await session.scalars(select(User).order_by(User.created_at)))

    for user in _run(fetch):
        typer.echo(f"{user.email}\t{user.name}\t{user.timezone}\t{user.id}")


@users.command("set-password")
def set_password(email: str, password: PasswordOption) -> None:
    """Set an account's password and sign it out everywhere."""
    if len(password) < 8:
        typer.secho("password: use at least 8 characters", err=True, fg=typer.colors.RED)
        raise typer.Exit(code=2)
    user = _run(lambda _session, service: service.set_password(email, password))
    typer.echo(f"Password changed for {user.email}; all of its sessions were ended.")
