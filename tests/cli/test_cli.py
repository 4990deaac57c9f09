"""The ``taskmate`` command, run in-process against a temporary data directory (and
``serve`` once as the real command)."""

import asyncio
import json
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner
from websockets.asyncio.client import connect
from websockets.exceptions import InvalidStatus
from websockets.typing import Origin

from taskmate import __version__
from taskmate.cli import app
from taskmate.db import migrate
from tests.server_process import API, WAIT, running_server

runner = CliRunner()


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TASKMATE_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("TASKMATE_DATABASE_URL", raising=False)
    return tmp_path


def test_version() -> None:
    result = runner.invoke(app, ["version"])
    assert result.exit_code == 0
    assert result.output.strip() == __version__


def test_migrate_is_idempotent(data_dir: Path) -> None:
    first = runner.invoke(app, ["migrate"])
    assert first.exit_code == 0, first.output
    assert "from empty to" in first.output
    url = f"sqlite+aiosqlite:///{data_dir / 'taskmate.db'}"
    assert migrate.current_revision(url) == migrate.head_revision(url)
    assert "already up to date" in runner.invoke(app, ["migrate"]).output


def test_user_create_list_and_set_password() -> None:
    runner.invoke(app, ["migrate"])
    created = runner.invoke(
        app, ["user", "create", "Bob@Example.com", "--password", "secret123", "--name", "Bob"]
    )
    assert created.exit_code == 0, created.output
    listed = runner.invoke(app, ["user", "list"])
    assert "bob@example.com\tBob\tUTC" in listed.output
    again = runner.invoke(app, ["user", "create", "bob@example.com", "--password", "secret123"])
    assert again.exit_code == 1
    assert "already exists" in again.output
    changed = runner.invoke(app, ["user", "set-password", "bob@example.com", "--password", "x" * 9])
    assert changed.exit_code == 0
    missing = runner.invoke(app, ["user", "set-password", "no@example.com", "--password", "x" * 9])
    assert missing.exit_code == 1
    assert "no account" in missing.output


def test_user_create_validates_input() -> None:
    result = runner.invoke(app, ["user", "create", "bob@example.com", "--password", "short"])
    assert result.exit_code == 2
    assert "password" in result.output


def test_serve_refuses_workers_without_redis() -> None:
    result = runner.invoke(app, ["serve", "--workers", "3"])
    assert result.exit_code == 2
    assert "TASKMATE_REDIS_URL" in result.output


def test_serve_refuses_an_unmigrated_postgres(monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.db_backends import empty_database

    with empty_database("postgresql", Path()) as url:
        monkeypatch.setenv("TASKMATE_DATABASE_URL", url)
        monkeypatch.setenv("TASKMATE_SECRET_KEY", "k" * 40)
        result = runner.invoke(app, ["serve"])
    assert result.exit_code == 2
    assert "taskmate migrate" in result.output


def test_invalid_settings_are_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TASKMATE_PORT", "eighty")
    result = runner.invoke(app, ["serve"])
    assert result.exit_code == 2
    assert "TASKMATE_PORT" in result.output


async def test_serve_trusts_the_origin_of_the_port_it_was_given(data_dir: Path) -> None:
    database_url = f"sqlite+aiosqlite:///{data_dir / 'taskmate.db'}"
    with running_server(database_url, data_dir, "origins") as server:
        async with httpx.AsyncClient(base_url=server.base_url, timeout=WAIT) as client:
            registered = await client.post(
                f"{API}/auth/register",
                json={"email": "origins@example.com", "password": "correct-horse"},
            )
            session = {"Cookie": f"taskmate_access={registered.json()['access_token']}"}
            own = Origin(server.base_url)
            default_port = Origin("http://localhost:8000")
            for origin, allowed in ((own, True), (default_port, False)):
                preflight = await client.options(
                    f"{API}/tasks",
                    headers={"Origin": origin, "Access-Control-Request-Method": "POST"},
                )
                assert (preflight.headers.get("access-control-allow-origin") == origin) is allowed
        async with connect(
            server.ws_url, origin=own, additional_headers=session, open_timeout=WAIT
        ) as socket:
            assert json.loads(await asyncio.wait_for(socket.recv(), WAIT))["type"] == "ready"
        with pytest.raises(InvalidStatus) as refused:
            async with connect(
                server.ws_url, origin=default_port, additional_headers=session, open_timeout=WAIT
            ):
                pass
        assert refused.value.response.status_code == 403
