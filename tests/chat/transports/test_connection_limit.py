"""The per-user limit of live connections, over sockets and event streams together."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.chat.transports.sockets import opened, signed_in
from tests.conftest import MakeUser
from tests.helpers import assert_error
from tests.live_server import LiveServer, until


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    return {"max_connections_per_user": 2}


async def test_a_user_over_the_connection_limit_is_closed_4429(
    server: LiveServer, make_user: MakeUser
) -> None:
    user = await make_user()
    async with signed_in(server, user), signed_in(server, user), opened(server) as third:
        await third.send({"type": "auth", "token": user.access_token})
        assert await third.close_code() == 4429
    async with signed_in(server, user) as again:  # slots come back when sockets close
        assert again.ready["user_id"] == user.id


async def test_event_streams_count_and_give_their_slot_back_when_they_end(
    server: LiveServer, make_user: MakeUser
) -> None:
    user = await make_user()
    async with (
        signed_in(server, user),
        httpx.AsyncClient(base_url=f"{server.http}/api/v1", timeout=5) as http,
    ):
        async with http.stream("GET", "/events", headers=user.headers) as stream:
            assert stream.status_code == 200
            refused = await http.get("/events", headers=user.headers)
            error = assert_error(refused, 429, "rate_limited")
            assert refused.headers["retry-after"] == str(error["details"]["retry_after"])
        # The client hung up; the server notices on its own and gives the slot back.

        async def stream_opens() -> bool:
            async with http.stream("GET", "/events", headers=user.headers) as again:
                return again.status_code == 200

        await until(stream_opens)
