"""The checks behind ``/readyz`` and ``taskmate doctor`` say what is wrong and what to do."""

from __future__ import annotations

from pathlib import Path

from taskmate.db.engine import Database
from taskmate.ops.checks import database_problem, head_revision, migrations_problem
from tests.db_backends import empty_database


async def test_an_unmigrated_database_is_told_to_migrate(tmp_path: Path) -> None:
    with empty_database("sqlite", tmp_path) as url:
        database = Database(url.replace("sqlite://", "sqlite+aiosqlite://", 1))
        try:
            assert await database_problem(database) is None
            problem = await migrations_problem(database)
        finally:
            await database.dispose()
    assert problem is not None
    assert f"needs {head_revision()}" in problem
    assert "taskmate migrate" in problem


async def test_an_unreachable_database_names_the_setting() -> None:
    database = Database("postgresql+psycopg://nobody@127.0.0.1:1/none")
    try:
        problem = await database_problem(database)
    finally:
        await database.dispose()
    assert problem is not None
    assert "unreachable" in problem and "TASKMATE_DATABASE_URL" in problem
