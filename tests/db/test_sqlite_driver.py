"""SQLite statements make one trip to the connection's thread, and behave as SQLAlchemy's
own aiosqlite adapter's did: rows, rowcount, errors, rollbacks."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiosqlite
import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from taskmate.db.engine import Database


@pytest.fixture
async def database(tmp_path: Path) -> AsyncIterator[Database]:
    database = Database(f"sqlite+aiosqlite:///{tmp_path / 'driver.db'}")
    async with database.session(write=True) as session:
        await session.execute(text("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT UNIQUE)"))
        await session.commit()
    yield database
    await database.dispose()


@pytest.fixture
def trips(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the functions handed to a connection's thread, as they are handed."""
    handed: list[str] = []
    hand_over = aiosqlite.Connection._execute

    async def counted(self: aiosqlite.Connection, fn: Any, *args: Any, **kw: Any) -> Any:
        handed.append(getattr(fn, "__name__", repr(fn)))
        return await hand_over(self, fn, *args, **kw)  # type: ignore[no-untyped-call]

    monkeypatch.setattr(aiosqlite.Connection, "_execute", counted)
    return handed


async def test_a_statement_with_rows_is_one_trip(database: Database, trips: list[str]) -> None:
    async with database.session(write=True) as session:
        await session.execute(text("SELECT 1"))  # the transaction has begun
        trips.clear()
        inserted = await session.execute(
            text("INSERT INTO notes (body) VALUES ('milk'), ('eggs') RETURNING id, body")
        )
        assert [row.body for row in inserted] == ["milk", "eggs"]
        assert trips == ["_run"]
        await session.commit()


async def test_rowcount_and_executemany(database: Database) -> None:
    async with database.session(write=True) as session:
        await session.execute(
            text("INSERT INTO notes (body) VALUES (:body)"), [{"body": "a"}, {"body": "b"}]
        )
        changed = await session.execute(text("UPDATE notes SET body = body || '!'"))
        assert changed.rowcount == 2  # type: ignore[attr-defined]
        await session.commit()
    async with database.session() as session:
        bodies = (await session.execute(text("SELECT body FROM notes ORDER BY id"))).scalars()
        assert list(bodies) == ["a!", "b!"]


async def test_errors_are_sqlalchemys_and_the_transaction_rolls_back(database: Database) -> None:
    async with database.session(write=True) as session:
        await session.execute(text("INSERT INTO notes (body) VALUES ('once')"))
        with pytest.raises(IntegrityError):
            await session.execute(text("INSERT INTO notes (body) VALUES ('once')"))
        await session.rollback()
    async with database.session() as session:
        assert (await session.execute(text("SELECT count(*) FROM notes"))).scalar_one() == 0


async def test_only_a_connection_in_a_transaction_is_rolled_back(
    database: Database, trips: list[str]
) -> None:
    async with database.session(write=True) as session:
        await session.execute(text("INSERT INTO notes (body) VALUES ('kept')"))
        await session.commit()
        trips.clear()
    assert trips == []  # the pool's reset after a commit had nothing to undo

    async with database.session(write=True) as session:
        await session.execute(text("INSERT INTO notes (body) VALUES ('dropped')"))
    assert trips[-1] == "rollback"  # closed without a commit: undone
    async with database.session() as session:
        bodies = (await session.execute(text("SELECT body FROM notes"))).scalars()
        assert list(bodies) == ["kept"]
