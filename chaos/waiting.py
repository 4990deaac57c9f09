"""Polling with a deadline, for conditions that no event announces (other processes)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

POLL = 0.1


async def until(condition: Callable[[], bool], seconds: float) -> bool:
    """Whether ``condition`` came to hold within ``seconds``."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        await asyncio.sleep(POLL)
    return True
