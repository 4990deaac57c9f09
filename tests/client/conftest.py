"""The client against the app behind a real uvicorn, answered by the offline assistant.
SQLite only: the API is tested on both databases elsewhere."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
from fastapi import FastAPI

from taskmate.assistant.wiring import AssistantPolicy
from taskmate.client import Taskmate
from taskmate.config import Settings
from tests.chat.runner.harness import FAST
from tests.client.story import StoryOrOffline
from tests.conftest import Account, MakeUser
from tests.db_backends import migrated_database
from tests.live_server import LiveServer, free_listener, serving


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with migrated_database("sqlite", tmp_path_factory.mktemp("client-db")) as url:
        yield url


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    return {"rate_messages_per_minute": 0}


@pytest.fixture
def assistant() -> StoryOrOffline:
    return StoryOrOffline()


@pytest.fixture
def assistant_policy(assistant: StoryOrOffline) -> AssistantPolicy:
    return AssistantPolicy(timing=FAST, responder=assistant)


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    bound = free_listener()
    yield bound
    bound.close()


@pytest.fixture
async def server(
    app: FastAPI, settings: Settings, listener: socket.socket, assistant: StoryOrOffline
) -> AsyncIterator[LiveServer]:
    assistant.bind(app.state.runtime)
    async with serving(app, settings, lifespan=False, listener=listener) as live:
        yield live


@pytest.fixture
async def account(make_user: MakeUser) -> Account:
    return await make_user(email="ada@example.com", name="Ada")


@pytest.fixture
async def taskmate(server: LiveServer, account: Account) -> AsyncIterator[Taskmate]:
    async with Taskmate(server.http, account.access_token) as signed_in:
        yield signed_in
