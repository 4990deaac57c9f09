"""Engine and sessions for SQLite (embedded default) and PostgreSQL.

SQLite runs in WAL mode with a busy timeout. Write transactions start with ``BEGIN IMMEDIATE``
so that a read-then-write transaction waits for the write lock up front instead of failing
with "database is locked" when it tries to upgrade. Read-only sessions use a deferred BEGIN so
readers never queue behind writers.

Within one process, SQLite write sessions also take turns on an asyncio lock: SQLite's busy
handler retries with sleeps of up to 100 ms, so hundreds of concurrent writers (generations
starting at once) wait seconds for a lock that an in-process queue hands over at once. The
busy timeout still arbitrates between processes.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from taskmate.db.sqlite_driver import OneTripDBAPI
from taskmate.private_files import private_file

WRITE_OPTION = "taskmate_write"
SQLITE_BUSY_TIMEOUT_MS = 10_000


def _prepare_sqlite(engine: AsyncEngine) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves, below
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Connection) -> None:
        write = connection.get_execution_options().get(WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def create_engine(url: str) -> AsyncEngine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            # SQLite gives its -wal and -shm files the database file's mode.
            private_file(Path(parsed.database))
        engine = create_async_engine(
            url,
            module=OneTripDBAPI(),
            connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
        )
        _prepare_sqlite(engine)
        return engine
    return create_async_engine(url, pool_size=10, max_overflow=20, pool_pre_ping=True)


class Database:
    """Owns the engine and hands out sessions: deferred ones for reads, immediate for writes."""

    def __init__(self, url: str) -> None:
        self.engine = create_engine(url)
        self._write_turns = asyncio.Lock() if self.dialect == "sqlite" else None
        self._writer: asyncio.Task[Any] | None = None
        self._reads = async_sessionmaker(self.engine, expire_on_commit=False)
        self._writes = async_sessionmaker(
            self.engine.execution_options(**{WRITE_OPTION: True}), expire_on_commit=False
        )

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @asynccontextmanager
    async def session(self, *, write: bool = False) -> AsyncIterator[AsyncSession]:
        if write and self._write_turns is not None:
            if self._writer is not None and self._writer is asyncio.current_task():
                raise RuntimeError("a write session inside another would wait for itself")
            async with self._write_turns:
                self._writer = asyncio.current_task()
                try:
                    async with self._writes() as session:
                        yield session
                finally:
                    self._writer = None
            return
        async with (self._writes if write else self._reads)() as session:
            yield session

    async def dispose(self) -> None:
        await self.engine.dispose()
