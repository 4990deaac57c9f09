"""The roster shared through Redis: a sorted set per group, scored by when each entry expires.

Every instance refreshes its own entries (``keep_alive``), so the entries of an instance that
died drop out after ``ttl`` seconds. While Redis is unreachable, answers cover this instance
only; they never fail.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Sequence

import structlog
from redis.asyncio import Redis
from redis.exceptions import RedisError

from taskmate.broker.roster import LocalRoster, Roster

logger = structlog.get_logger(__name__)

KEY_PREFIX = "taskmate:roster:"


class RedisRoster(Roster):
    def __init__(self, client: Redis, *, ttl: float) -> None:
        self._client = client
        self._ttl = ttl
        self._own = LocalRoster()

    async def add(self, group: str, entry: str) -> list[str]:
        own = self._own.add_now(group, entry)
        return await self._shared(group, own, add=[entry])

    async def remove(self, group: str, entry: str) -> list[str]:
        own = self._own.remove_now(group, entry)
        return await self._shared(group, own, remove=entry)

    async def keep_alive(self) -> None:
        """Refreshes this instance's entries, forever."""
        while True:
            await asyncio.sleep(self._ttl / 3)
            for group, entries in self._own.groups().items():
                await self._shared(group, entries, add=entries)

    async def _shared(
        self, group: str, own: list[str], *, add: Sequence[str] = (), remove: str | None = None
    ) -> list[str]:
        key = KEY_PREFIX + group
        now = time.time()
        try:
            async with self._client.pipeline(transaction=False) as pipe:
                if add:
                    pipe.zadd(key, dict.fromkeys(add, now + self._ttl))
                if remove is not None:
                    pipe.zrem(key, remove)
                pipe.zremrangebyscore(key, "-inf", now)
                pipe.expire(key, math.ceil(self._ttl))
                pipe.zrange(key, 0, -1)
                *_, entries = await pipe.execute()
        except (RedisError, OSError) as error:
            logger.warning("roster_unavailable", group=group, error=str(error))
            return own
        return sorted(entry.decode() for entry in entries)
