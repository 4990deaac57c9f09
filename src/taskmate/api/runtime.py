"""What the app holds for its lifetime, shared by every request."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from taskmate.api.drain import Drain
from taskmate.auth.tokens import TokenCodec
from taskmate.broker import Broker
from taskmate.config import Settings
from taskmate.db.base import utcnow
from taskmate.db.engine import Database
from taskmate.observability.metrics import Metrics
from taskmate.ratelimit import RateLimiter


@dataclass(frozen=True, kw_only=True, slots=True)
class LivePolicy:
    """Timing and buffering of the live transports (WebSocket, SSE). The defaults are the
    protocol's; tests pass smaller ones to ``create_app`` instead of waiting."""

    auth_timeout: float = 10.0  # seconds a token client has to send its auth frame
    send_queue_frames: int = 256  # frames waiting for one slow client before it is closed
    sse_ping_interval: float = 15.0  # seconds between ": ping" comments on event streams


@dataclass(kw_only=True, slots=True)
class Runtime:
    settings: Settings
    database: Database
    events: Broker
    limiter: RateLimiter
    tokens: TokenCodec
    instance_id: str  # names this process to the other instances
    live: LivePolicy = field(default_factory=LivePolicy)
    clock: Callable[[], datetime] = utcnow
    drain: Drain = field(default_factory=Drain)
    metrics: Metrics = field(default_factory=Metrics)
