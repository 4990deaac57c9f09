"""A real server for each test, and WebSocket clients for it."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from fastapi import FastAPI

from taskmate.api.runtime import LivePolicy
from taskmate.config import Settings
from tests.live_server import LiveServer, serving


@pytest.fixture
def live_policy() -> LivePolicy:
    return LivePolicy(auth_timeout=0.3, sse_ping_interval=0.2)


@pytest.fixture
async def server(app: FastAPI, settings: Settings) -> AsyncIterator[LiveServer]:
    async with serving(app, settings, lifespan=False) as live:
        yield live
