"""``taskmate doctor``: 0 for a working configuration (the default one included), 1 with
what to fix otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from taskmate.cli import app
from tests.db_backends import empty_database, migrated_database

runner = CliRunner()
STRONG_SECRET = "doctor-test-secret-key-0123456789-abcdefghijkl"


@pytest.fixture(autouse=True)
def environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # no .env file of the developer's
    for name in ("DATABASE_URL", "REDIS_URL", "SECRET_KEY", "LLM", "LLM_API_KEY", "ENV"):
        monkeypatch.delenv(f"TASKMATE_{name}", raising=False)
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    monkeypatch.setenv("TASKMATE_DATA_DIR", str(tmp_path / "data"))
    return tmp_path


def test_the_default_configuration_works_before_anything_exists(environment: Path) -> None:
    result = runner.invoke(app, ["doctor"])
    assert result.exit_code == 0, result.output
    assert "does not exist yet" in result.output
    assert "The configuration works." in result.output
    assert not (environment / "data").exists()  # the doctor writes nothing


def test_a_migrated_database_is_reported_at_the_newest_schema(environment: Path) -> None:
    assert runner.invoke(app, ["migrate"]).exit_code == 0
    result = runner.invoke(app, ["doctor"])
    assert result.exit_code == 0, result.output
    assert "at the newest migration" in result.output


def test_a_database_others_can_read_is_reported_with_the_fix(environment: Path) -> None:
    assert runner.invoke(app, ["migrate"]).exit_code == 0
    private = runner.invoke(app, ["doctor"])
    assert "private to this account" in private.output
    (environment / "data" / "taskmate.db").chmod(0o644)
    shared = runner.invoke(app, ["doctor"])
    assert shared.exit_code == 0, shared.output
    assert "chmod 600" in shared.output


def test_an_unmigrated_postgresql_database_must_be_migrated(
    environment: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with empty_database("postgresql", environment) as url:
        monkeypatch.setenv("TASKMATE_DATABASE_URL", url)
        monkeypatch.setenv("TASKMATE_SECRET_KEY", STRONG_SECRET)
        result = runner.invoke(app, ["doctor"])
    assert result.exit_code == 1, result.output
    assert "run `taskmate migrate`" in result.output


def test_workers_with_postgresql_and_redis_work(
    environment: Path, monkeypatch: pytest.MonkeyPatch, redis_url: str
) -> None:
    with migrated_database("postgresql", environment) as url:
        monkeypatch.setenv("TASKMATE_DATABASE_URL", url)
        monkeypatch.setenv("TASKMATE_REDIS_URL", redis_url)
        monkeypatch.setenv("TASKMATE_SECRET_KEY", STRONG_SECRET)
        result = runner.invoke(app, ["doctor", "--workers", "4"])
    assert result.exit_code == 0, result.output
    assert "4 workers" in result.output and "redis: reachable" in result.output


def test_every_problem_is_listed_with_what_to_do(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TASKMATE_DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none")
    monkeypatch.setenv("TASKMATE_REDIS_URL", "redis://127.0.0.1:1/0")
    monkeypatch.setenv("TASKMATE_SECRET_KEY", "short")
    monkeypatch.setenv("TASKMATE_LLM", "anthropic:claude-sonnet-4-5")
    result = runner.invoke(app, ["doctor", "--workers", "2"])
    assert result.exit_code == 1
    assert "TASKMATE_SECRET_KEY is too weak" in result.output
    assert "The database is unreachable" in result.output
    assert "Redis is unreachable" in result.output
    assert "ANTHROPIC_API_KEY" in result.output
    assert "4 problem(s)" in result.output
    assert "short" not in result.output.replace("shorter", "")  # the secret is never shown


def test_workers_without_redis_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TASKMATE_SECRET_KEY", STRONG_SECRET)
    result = runner.invoke(app, ["doctor", "--workers", "3"])
    assert result.exit_code == 1
    assert "needs TASKMATE_REDIS_URL" in result.output


def test_invalid_settings_are_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TASKMATE_LLM", "gpt-4o")
    result = runner.invoke(app, ["doctor"])
    assert result.exit_code == 1
    assert "TASKMATE_LLM" in result.output
