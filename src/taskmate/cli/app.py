"""``taskmate serve | mcp | migrate | doctor | user ... | version``, and the client's
``login | logout | chat | tasks ...``.

The server stack (FastAPI, SQLAlchemy, the assistant) is imported inside the commands that
need it, so the client commands start in a fraction of the time."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Annotated

import typer

from taskmate import __version__
from taskmate.cli.account import login, logout
from taskmate.cli.chat.command import chat
from taskmate.cli.doctor import doctor
from taskmate.cli.nlu import nlu
from taskmate.cli.parse import parse
from taskmate.cli.tasks import tasks
from taskmate.cli.users import users

if TYPE_CHECKING:
    from taskmate.config import Settings

APP_FACTORY = "taskmate.app:create_app"

app = typer.Typer(
    help="Taskmate: a self-hosted task manager with a real-time assistant.",
    no_args_is_help=True,
    add_completion=False,
)
app.add_typer(users, name="user")
app.add_typer(nlu, name="nlu")
app.add_typer(tasks, name="tasks")
app.command()(parse)
app.command()(doctor)
app.command()(login)
app.command()(logout)
app.command()(chat)


def fail(message: str) -> typer.Exit:
    typer.secho(message, err=True, fg=typer.colors.RED)
    return typer.Exit(code=2)


def settings_or_exit(**overrides: object) -> Settings:
    from taskmate.config import SettingsError, load_settings

    try:
        return load_settings(**overrides)
    except SettingsError as error:
        raise fail(str(error)) from None


def hand_to_app_factory(overrides: dict[str, object]) -> None:
    """The app factory loads its settings from the environment in every process it runs in
    (the reloader's and each worker's too), so the command line's options must travel there:
    otherwise the app would trust the default port's origins and refuse its own."""
    from taskmate.config import ENV_PREFIX

    os.environ.update(
        {f"{ENV_PREFIX}{name.upper()}": str(value) for name, value in overrides.items()}
    )


def ready_schema(settings: Settings) -> None:
    """Migrates the embedded SQLite database; refuses a shared one that is behind."""
    from taskmate.db import migrate as migrations

    url = settings.resolved_database_url
    if settings.is_sqlite:
        migrations.upgrade(url)
    elif migrations.current_revision(url) != migrations.head_revision(url):
        raise fail("The database schema is not up to date: run `taskmate migrate` first.")


@app.command()
def mcp(
    user: Annotated[
        str | None,
        typer.Option(help="Act as this account (on the machine that holds the database)."),
    ] = None,
) -> None:
    """Serve the MCP server over stdio, acting for the owner of TASKMATE_TOKEN (a personal
    access token) or for --user EMAIL."""
    import anyio

    from taskmate.mcp.stdio import UnknownAccount, serve_stdio

    settings = settings_or_exit()
    token = settings.token.get_secret_value().strip() if settings.token else None
    if user is None and not token:
        raise fail(
            "Set TASKMATE_TOKEN to a personal access token (Settings → Access tokens in the "
            "web app), or pass --user EMAIL."
        )
    ready_schema(settings)
    try:
        anyio.run(lambda: serve_stdio(settings, token=None if user else token, email=user))
    except UnknownAccount as error:
        raise fail(str(error)) from None


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Address to bind [TASKMATE_HOST].")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on [TASKMATE_PORT].")] = None,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes (needs Redis).")] = 1,
    reload: Annotated[bool, typer.Option(help="Restart on code changes (development).")] = False,
) -> None:
    """Run the web app and API. Migrates the embedded SQLite database first."""
    import uvicorn

    from taskmate.config import SettingsError
    from taskmate.server import TaskmateServer, server_options
    from taskmate.supervisor import STARTUP_FAILURE, supervise

    overrides: dict[str, object] = {
        key: value for key, value in (("host", host), ("port", port)) if value
    }
    settings = settings_or_exit(**overrides)
    try:
        settings.check_deployment(workers=workers)
    except SettingsError as error:
        raise fail(str(error)) from None
    if reload and workers > 1:
        raise fail("--reload runs a single process; drop --workers or --reload.")
    ready_schema(settings)
    settings.signing_key()  # create the generated key once, before workers race for it
    typer.echo(f"Taskmate {__version__} on http://{settings.host}:{settings.port}")
    hand_to_app_factory(overrides)
    options = server_options(settings) | {"factory": True, "env_file": None}
    if reload:  # development: uvicorn's reloader, without the drain
        uvicorn.run(APP_FACTORY, reload=True, **options)
        return
    config = uvicorn.Config(APP_FACTORY, workers=workers, **options)
    if workers > 1:
        raise typer.Exit(code=supervise(config, workers))
    server = TaskmateServer(config)
    server.run()
    if not server.started:
        raise typer.Exit(code=STARTUP_FAILURE)


@app.command()
def migrate() -> None:
    """Bring the database schema up to date (required for PostgreSQL)."""
    from taskmate.db import migrate as migrations

    settings = settings_or_exit()
    url = settings.resolved_database_url
    before = migrations.current_revision(url)
    migrations.upgrade(url)
    after = migrations.current_revision(url)
    if before == after:
        typer.echo(f"The schema is already up to date (revision {after}).")
    else:
        typer.echo(f"Migrated the schema from {before or 'empty'} to {after}.")


@app.command()
def version() -> None:
    """Print the version."""
    typer.echo(__version__)


def main() -> None:
    app()
