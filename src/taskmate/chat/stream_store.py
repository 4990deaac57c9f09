"""The text so far of messages that are streaming, readable by any instance.

The runner appends each coalesced chunk as it publishes it; whoever replays a streaming
message (a subscribe, an SSE resume, the reaper) reads it here, and falls back to the
message's last checkpoint in the database when the store has nothing (``None``). The text
starts with the content of the message's first checkpoint: both begin empty.
"""

from __future__ import annotations

from typing import Protocol

from redis.asyncio import Redis

KEY_PREFIX = "taskmate:stream:"
DEFAULT_TTL_SECONDS = 600


class StreamStore(Protocol):
    async def append(self, item_id: str, text: str) -> None: ...

    async def read(self, item_id: str) -> str | None:
        """The text so far, or None when this store does not hold it."""
        ...

    async def discard(self, item_id: str) -> None:
        """Forgets the text: the database has it all (or it is no longer trustworthy)."""
        ...


class MemoryStreamStore:
    """For a single process: the text lives in the runner's own memory."""

    def __init__(self) -> None:
        self._texts: dict[str, list[str]] = {}

    async def append(self, item_id: str, text: str) -> None:
        self._texts.setdefault(item_id, []).append(text)

    async def read(self, item_id: str) -> str | None:
        parts = self._texts.get(item_id)
        return None if parts is None else "".join(parts)

    async def discard(self, item_id: str) -> None:
        self._texts.pop(item_id, None)


class RedisStreamStore:
    """``APPEND`` on a key per message. Each append renews the key's TTL, so the text of a
    message whose instance died expires on its own once the reaper no longer needs it."""

    def __init__(self, redis: Redis, *, ttl_seconds: int = DEFAULT_TTL_SECONDS) -> None:
        self._redis = redis
        self._ttl = ttl_seconds

    async def append(self, item_id: str, text: str) -> None:
        key = KEY_PREFIX + item_id
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.append(key, text.encode())
            pipe.expire(key, self._ttl)
            await pipe.execute()

    async def read(self, item_id: str) -> str | None:
        raw: bytes | str | None = await self._redis.get(KEY_PREFIX + item_id)
        if raw is None:
            return None
        return raw.decode() if isinstance(raw, bytes) else raw

    async def discard(self, item_id: str) -> None:
        await self._redis.delete(KEY_PREFIX + item_id)
