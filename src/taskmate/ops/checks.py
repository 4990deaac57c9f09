"""Is the instance's environment working? Shared by ``/readyz`` and ``taskmate doctor``.

Each check answers None when all is well, else a sentence saying what is wrong and what to do.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from functools import cache
from typing import cast

from redis.asyncio import Redis
from redis.exceptions import RedisError
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from taskmate.db import migrate
from taskmate.db.engine import Database

CHECK_SECONDS = 3.0


@cache
def head_revision() -> str | None:
    """The newest migration this code ships (read from its scripts, not from a database)."""
    return migrate.head_revision("sqlite://")


async def database_problem(database: Database) -> str | None:
    try:
        async with asyncio.timeout(CHECK_SECONDS), database.session() as session:
            await session.execute(text("SELECT 1"))
    except (TimeoutError, SQLAlchemyError, OSError) as error:
        return (
            f"The database is unreachable ({type(error).__name__}): check "
            "TASKMATE_DATABASE_URL and that the database server is running."
        )
    return None


async def migrations_problem(database: Database) -> str | None:
    try:
        async with asyncio.timeout(CHECK_SECONDS), database.session() as session:
            current = await session.scalar(text("SELECT version_num FROM alembic_version"))
    except (TimeoutError, SQLAlchemyError, OSError):
        current = None
    head = head_revision()
    if current == head:
        return None
    return (
        f"The database schema is at {current or 'no revision'}, this code needs {head}: "
        "run `taskmate migrate`."
    )


async def redis_problem(url: str) -> str | None:
    client = Redis.from_url(url, socket_connect_timeout=CHECK_SECONDS, socket_timeout=CHECK_SECONDS)
    try:
        async with asyncio.timeout(CHECK_SECONDS):
            await cast(Awaitable[bool], client.ping())  # redis-py types sync and async alike
    except (TimeoutError, RedisError, OSError) as error:
        return (
            f"Redis is unreachable ({type(error).__name__}): check TASKMATE_REDIS_URL and "
            "that the Redis server is running."
        )
    finally:
        await client.aclose()
    return None
