"""Rate limits (moving window), in memory for one process or in Redis when it is configured."""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from limits import RateLimitItem, RateLimitItemPerHour, RateLimitItemPerMinute
from limits.aio.storage import MemoryStorage, Storage
from limits.aio.strategies import MovingWindowRateLimiter
from limits.storage import storage_from_string

from taskmate.config import Settings
from taskmate.errors import RateLimited


class RateLimiter:
    def __init__(
        self, settings: Settings, *, on_limited: Callable[[str], None] = lambda scope: None
    ) -> None:
        self._on_limited = on_limited  # told the scope of every refused attempt
        storage: Storage = MemoryStorage()
        if settings.redis_url:
            redis_storage = storage_from_string(
                f"async+{settings.redis_url}", key_prefix="taskmate:rl"
            )
            assert isinstance(redis_storage, Storage)
            storage = redis_storage
        self._limiter = MovingWindowRateLimiter(storage)
        self.login = _per_minute(settings.rate_login_per_minute)
        self.register = RateLimitItemPerHour(20)
        self.messages = _per_minute(settings.rate_messages_per_minute)
        self.mcp = _per_minute(settings.rate_mcp_per_minute)

    async def hit(self, limit: RateLimitItem | None, scope: str, key: str, what: str) -> None:
        """Count one attempt of ``scope`` for ``key``; raise ``RateLimited`` past the limit."""
        if limit is None:
            return
        if await self._limiter.hit(limit, scope, key):
            return
        self._on_limited(scope)
        stats = await self._limiter.get_window_stats(limit, scope, key)
        retry_after = max(1, math.ceil(stats.reset_time - time.time()))
        raise RateLimited(
            f"Too many {what}. Try again in {retry_after} seconds.", retry_after=retry_after
        )


def _per_minute(count: int) -> RateLimitItem | None:
    return RateLimitItemPerMinute(count) if count > 0 else None
