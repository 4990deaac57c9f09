"""Personal access tokens on live connections and across instances: a revoke made on one
instance holds on the very next request to another, and closes the token's sockets there."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from taskmate.api.runtime import LivePolicy
from taskmate.app import create_app
from taskmate.assistant.wiring import AssistantPolicy
from taskmate.broker import RedisBroker
from taskmate.config import Settings
from tests.auth.personal_tokens import bearer, create_token
from tests.chat.transports.sockets import opened
from tests.conftest import MakeUser
from tests.helpers import assert_error
from tests.live_server import LiveServer, serving, until

pytestmark = pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)


@pytest.fixture
def live_policy() -> LivePolicy:
    return LivePolicy(auth_timeout=0.3, sse_ping_interval=0.2)


@pytest.fixture
def settings_overrides(redis_url: str) -> dict[str, Any]:
    return {"redis_url": redis_url}


@pytest.fixture
async def other(
    settings: Settings, live_policy: LivePolicy, server: LiveServer
) -> AsyncIterator[LiveServer]:
    """A second instance on the same PostgreSQL and Redis."""
    second_app = create_app(settings, live=live_policy, assistant=AssistantPolicy(answer=False))
    async with serving(second_app, settings, lifespan=True) as second:
        brokers = [server.runtime.events, second.runtime.events]
        await until(lambda: all(isinstance(b, RedisBroker) and b.connected for b in brokers))
        yield second


async def test_a_revoke_on_one_instance_holds_on_the_next_request_to_another(
    server: LiveServer, other: LiveServer, make_user: MakeUser
) -> None:
    user = await make_user()
    async with (
        httpx.AsyncClient(base_url=server.http) as here,
        httpx.AsyncClient(base_url=other.http) as there,
    ):
        created = await create_token(here, user)
        token = bearer(created["token"])
        assert (await there.get("/api/v1/tasks", headers=token)).status_code == 200
        async with opened(other) as socket:
            await socket.send({"type": "auth", "token": created["token"]})
            await socket.expect("ready")
            revoked = await here.delete(f"/api/v1/tokens/{created['id']}", headers=user.headers)
            assert revoked.status_code == 204
            assert_error(await there.get("/api/v1/tasks", headers=token), 401, "unauthorized")
            assert await socket.close_code() == 4401


async def test_the_websocket_takes_a_chat_token_in_its_auth_frame_and_refuses_others(
    server: LiveServer, make_user: MakeUser
) -> None:
    user = await make_user()
    async with httpx.AsyncClient(base_url=server.http) as client:
        talker = (await create_token(client, user, ["chat"]))["token"]
        reader = (await create_token(client, user, ["tasks:read", "tasks:write"]))["token"]
    async with opened(server) as socket:
        await socket.send({"type": "auth", "token": talker})
        assert (await socket.expect("ready"))["user_id"] == user.id
    async with opened(server) as socket:
        await socket.send({"type": "auth", "token": reader})
        assert await socket.close_code() == 4403
