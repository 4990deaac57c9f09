"""A real server for each test, and WebSocket clients for it."""

from __future__ import annotations

import pytest

from taskmate.api.runtime import LivePolicy


@pytest.fixture
def live_policy() -> LivePolicy:
    return LivePolicy(auth_timeout=0.3, sse_ping_interval=0.2)
