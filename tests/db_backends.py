"""Test databases: a migrated SQLite file, or a fresh PostgreSQL database per test run."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import make_url

from taskmate.config import Settings
from taskmate.db import migrate

POSTGRES_URL = os.environ.get(
    "TASKMATE_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
)
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
BACKENDS = ("sqlite", "postgresql")


def service_missing(what: str, error: Exception) -> None:
    missing(f"{what} is not reachable: {error}")


def missing(message: str) -> None:
    """Skips a test whose outside requirement is missing, except in CI (``CI=true``), where
    everything must be there and its absence fails the test."""
    if IN_CI:
        pytest.fail(f"{message} (CI=true: it must be there)")
    pytest.skip(message)


def _admin_dsn() -> str:
    return make_url(POSTGRES_URL).set(drivername="postgresql").render_as_string(False)


@contextmanager
def empty_database(backend: str, directory: Path) -> Iterator[str]:
    """An empty, unmigrated database of the given backend; yields its SQLAlchemy URL."""
    if backend == "sqlite":
        yield f"sqlite:///{directory / f'test-{uuid.uuid4().hex[:8]}.db'}"
        return
    name = f"taskmate_test_{uuid.uuid4().hex[:12]}"
    try:
        admin = psycopg.connect(_admin_dsn(), autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as error:
        service_missing("PostgreSQL", error)
        raise
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(POSTGRES_URL).set(database=name).render_as_string(False)
    finally:
        with psycopg.connect(_admin_dsn(), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def migrated_database(backend: str, directory: Path) -> Iterator[str]:
    with empty_database(backend, directory) as url:
        migrate.upgrade(_async_url(url))
        yield url


def _async_url(url: str) -> str:
    normalised = Settings(database_url=url).database_url
    assert normalised is not None
    return normalised
