"""The ``taskmate`` command, run in-process against a temporary data directory."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from taskmate import __version__
from taskmate.cli import app
from taskmate.db import migrate

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
