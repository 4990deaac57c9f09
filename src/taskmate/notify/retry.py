"""How often and how patiently a failing channel is tried again."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

Sleep = Callable[[float], Awaitable[None]]


@dataclass(frozen=True, kw_only=True)
class RetryPolicy:
    """``attempts`` tries in all, waiting ``first_delay`` seconds after the first failure
    and ``factor`` times longer after each next one, at most ``max_delay``: by default 10 s,
    20 s … 320 s, about ten minutes of trying before the channel is turned off. ``sleep``
    waits; tests pass one that records the waits and returns at once."""

    attempts: int = 7
    first_delay: float = 10.0
    factor: float = 2.0
    max_delay: float = 600.0
    attempt_timeout: float = 20.0  # seconds one try may take
    sleep: Sleep = field(default=asyncio.sleep)

    def delay_after(self, failures: int) -> float:
        """The wait after the ``failures``-th failed try (1-based)."""
        return min(self.first_delay * self.factor ** (failures - 1), self.max_delay)
