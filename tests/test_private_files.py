"""The data directory, the database and the secret key are the running account's alone."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from taskmate.config import Settings
from taskmate.db.engine import Database
from taskmate.private_files import private_file


@pytest.fixture(autouse=True)
def permissive_umask() -> Iterator[None]:
    """The default umask of many systems, under which plain files come out world-readable."""
    before = os.umask(0o022)
    yield
    os.umask(before)


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


async def test_a_new_sqlite_database_and_its_directory_are_private(tmp_path: Path) -> None:
    data = tmp_path / "data"
    database = Database(Settings(data_dir=data).resolved_database_url)
    async with database.session(write=True) as session:
        await session.execute(text("CREATE TABLE t (x INTEGER)"))
        await session.commit()
        modes = {file.name: mode(file) for file in data.iterdir()}  # -wal exists while open
    await database.engine.dispose()
    assert set(modes) >= {"taskmate.db", "taskmate.db-wal"}
    assert mode(data) == 0o700
    assert modes == dict.fromkeys(modes, 0o600)


def test_the_generated_secret_key_is_private(tmp_path: Path) -> None:
    data = tmp_path / "data"
    Settings(data_dir=data).signing_key()
    assert (mode(data), mode(data / "secret_key")) == (0o700, 0o600)


def test_an_existing_file_is_left_as_it_is(tmp_path: Path) -> None:
    existing = tmp_path / "kept"
    existing.write_text("contents")
    existing.chmod(0o640)
    private_file(existing)
    assert (existing.read_text(), mode(existing)) == ("contents", 0o640)
