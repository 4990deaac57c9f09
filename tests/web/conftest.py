"""Browser tests: the app behind a real uvicorn, driven by the system Chromium.

One browser serves the whole session; each test gets fresh contexts (cookies, storage).
They run on SQLite only: the API is tested on both databases elsewhere.
"""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from playwright.async_api import Browser, async_playwright

from taskmate.assistant.wiring import AssistantPolicy
from taskmate.config import Settings
from tests.chat.runner.harness import FAST
from tests.db_backends import migrated_database, service_missing
from tests.live_server import LiveServer, free_listener, serving
from tests.web.browsing import CHROMIUM, Browsing


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with migrated_database("sqlite", tmp_path_factory.mktemp("web-db")) as url:
        yield url


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    bound = free_listener()
    yield bound
    bound.close()


@pytest.fixture
def settings_overrides(listener: socket.socket) -> dict[str, Any]:
    host, port = listener.getsockname()
    return {"allowed_origins": [f"http://{host}:{port}"], "rate_messages_per_minute": 0}


@pytest.fixture
def assistant_policy() -> AssistantPolicy:
    return AssistantPolicy(timing=FAST)


@pytest.fixture
async def server(
    app: FastAPI, settings: Settings, listener: socket.socket
) -> AsyncIterator[LiveServer]:
    async with serving(app, settings, lifespan=False, listener=listener) as live:
        yield live


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """The system Chromium (`make test` installs it); missing fails in CI, skips elsewhere."""
    if not Path(CHROMIUM).exists():
        service_missing("Chromium", FileNotFoundError(CHROMIUM))
    return CHROMIUM


@pytest.fixture(scope="session")
async def chromium(chromium_path: str) -> AsyncIterator[Browser]:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=chromium_path,
            args=["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
        )
        yield browser
        await browser.close()


@pytest.fixture
async def browsing(chromium: Browser, server: LiveServer) -> AsyncIterator[Browsing]:
    session = Browsing(chromium, server)
    yield session
    await session.close()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "bench: browser benchmarks, run with `-m bench`")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Benchmarks run only when asked for (`pytest tests/web -m bench`)."""
    if "bench" in (config.getoption("markexpr") or ""):
        return
    benchmarks = [item for item in items if item.get_closest_marker("bench")]
    if benchmarks:
        config.hook.pytest_deselected(items=benchmarks)
        items[:] = [item for item in items if not item.get_closest_marker("bench")]
