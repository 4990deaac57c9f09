"""SQLite write sessions take turns within the process; reads never wait for them."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import text

from taskmate.db.engine import Database

WRITERS = 40


@pytest.fixture
async def database(tmp_path: Path) -> AsyncIterator[Database]:
    database = Database(f"sqlite+aiosqlite:///{tmp_path / 'engine.db'}")
    async with database.session(write=True) as session:
        await session.execute(text("CREATE TABLE counter (value INTEGER NOT NULL)"))
        await session.execute(text("INSERT INTO counter VALUES (0)"))
        await session.commit()
    yield database
    await database.dispose()


async def read_counter(database: Database) -> int:
    async with database.session() as session:
        value: int = (await session.execute(text("SELECT value FROM counter"))).scalar_one()
        return value


async def test_concurrent_read_then_write_transactions_all_commit(database: Database) -> None:
    async def increment() -> None:
        async with database.session(write=True) as session:
            value = (await session.execute(text("SELECT value FROM counter"))).scalar_one()
            await asyncio.sleep(0)  # let every other writer try to get in between
            await session.execute(text("UPDATE counter SET value = :v"), {"v": value + 1})
            await session.commit()

    await asyncio.gather(*(increment() for _ in range(WRITERS)))
    assert await read_counter(database) == WRITERS


async def test_a_reader_does_not_wait_for_a_writer(database: Database) -> None:
    async with database.session(write=True) as session:
        await session.execute(text("UPDATE counter SET value = 7"))
        assert await read_counter(database) == 0  # the write is not committed yet
        await session.commit()
    assert await read_counter(database) == 7


async def test_a_write_session_inside_another_fails_at_once(database: Database) -> None:
    async with database.session(write=True):
        with pytest.raises(RuntimeError, match="wait for itself"):
            async with database.session(write=True):
                pass
    async with database.session(write=True) as session:  # the turn was given back
        await session.execute(text("UPDATE counter SET value = 1"))
        await session.commit()
    assert await read_counter(database) == 1
