"""What the app holds for its lifetime, shared by every request."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from taskmate.auth.tokens import TokenCodec
from taskmate.config import Settings
from taskmate.db.base import utcnow
from taskmate.db.engine import Database
from taskmate.events import LocalEventHub
from taskmate.ratelimit import RateLimiter


@dataclass(kw_only=True, slots=True)
class Runtime:
    settings: Settings
    database: Database
    events: LocalEventHub
    limiter: RateLimiter
    tokens: TokenCodec
    clock: Callable[[], datetime] = utcnow
