"""SQLAlchemy's aiosqlite adapter, with one trip to the database thread per statement.

aiosqlite runs each SQLite connection in a thread of its own and hands every call over to
it: SQLAlchemy's adapter makes four such calls per statement (open a cursor, execute, fetch
the rows, close the cursor), and each hand-over wakes the thread and then the event loop.
That cost more CPU than SQLite itself on the chat engine's hot path. Here a statement is one
call that executes, fetches and closes in the thread; SQLAlchemy reads the rows, the
description, ``rowcount`` and ``lastrowid`` from what it brought back. A rollback of a
connection that is not in a transaction (the pool's reset of one that just committed) makes
no call at all.

It leans on aiosqlite's ``Connection._execute`` (the hand-over) and SQLAlchemy's adapter
classes, so both are pinned to minor versions in ``pyproject.toml``; the tests run every
statement of the app through it.
"""

from __future__ import annotations

import collections
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

import aiosqlite
from sqlalchemy.dialects.sqlite.aiosqlite import (
    AsyncAdapt_aiosqlite_connection,
    AsyncAdapt_aiosqlite_cursor,
    AsyncAdapt_aiosqlite_dbapi,
)
from sqlalchemy.util.concurrency import await_

if TYPE_CHECKING:
    from sqlalchemy.connectors.asyncio import AsyncIODBAPIConnection


@dataclass(frozen=True, slots=True)
class _Executed:
    """What a statement left behind, read on the database thread."""

    description: Any
    rowcount: int
    lastrowid: int | None
    rows: list[Any]

    def close(self) -> None:
        """Nothing to release: the thread closed the real cursor already."""


_NOTHING_YET = _Executed(description=None, rowcount=-1, lastrowid=None, rows=[])


def _run(
    connection: aiosqlite.Connection, operation: str, parameters: Any, *, many: bool
) -> _Executed:
    """Runs on the connection's own thread."""
    cursor = connection._conn.cursor()  # the thread's sqlite3 connection
    try:
        if many:
            cursor.executemany(operation, parameters)
        else:
            cursor.execute(operation, () if parameters is None else parameters)
        rows = cursor.fetchall() if cursor.description else []
        return _Executed(cursor.description, cursor.rowcount, cursor.lastrowid, rows)
    finally:
        cursor.close()


class _OneTripCursor(AsyncAdapt_aiosqlite_cursor):
    __slots__ = ()
    _awaitable_cursor_close = False  # ``close`` releases nothing on the thread

    def __init__(self, adapt_connection: AsyncAdapt_aiosqlite_connection) -> None:
        self._adapt_connection = adapt_connection
        self._connection = adapt_connection._connection
        self._cursor = _NOTHING_YET  # type: ignore[assignment]
        self._soft_closed_memoized = {}  # type: ignore[assignment]
        self._rows = collections.deque()

    async def _execute_async(self, operation: Any, parameters: Any) -> Any:
        return await self._trip(operation, parameters, many=False)

    async def _executemany_async(self, operation: Any, seq_of_parameters: Any) -> Any:
        return await self._trip(operation, seq_of_parameters, many=True)

    async def _trip(self, operation: str, parameters: Any, *, many: bool) -> None:
        connection: aiosqlite.Connection = self._connection  # type: ignore[assignment]
        async with self._adapt_connection._execute_mutex:
            executed: _Executed = await connection._execute(  # type: ignore[no-untyped-call]
                _run, connection, operation, parameters, many=many
            )
        self._cursor = executed  # type: ignore[assignment]
        self._rows = collections.deque(executed.rows)


class _Connection(AsyncAdapt_aiosqlite_connection):
    __slots__ = ()
    _cursor_cls = _OneTripCursor  # type: ignore[assignment]  # a subclass of the declared one

    def rollback(self) -> None:
        """The pool rolls back every connection it takes back, most of them just
        committed: only one still in a transaction makes the trip."""
        connection: sqlite3.Connection | None = self._connection._connection
        if connection is not None and connection.in_transaction:
            super().rollback()


class OneTripDBAPI(AsyncAdapt_aiosqlite_dbapi):
    """Pass as ``module=`` to ``create_async_engine`` for a ``sqlite+aiosqlite`` URL, with
    ``check_same_thread=False`` among the ``connect_args``: a rollback asks the connection
    whether it is in a transaction from the event loop's thread."""

    def __init__(self) -> None:
        super().__init__(aiosqlite, sqlite3)

    def connect(self, *arg: Any, **kw: Any) -> _Connection:
        connection = aiosqlite.connect(*arg, **kw)
        connection._thread.daemon = True  # as SQLAlchemy's own adapter does
        return _Connection(self, cast("AsyncIODBAPIConnection", await_(connection)))
