"""Opening a socket: token and cookie sessions, refusals, limits and the closing codes."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from websockets.exceptions import InvalidStatus
from websockets.typing import Origin

from tests.chat.transports.sockets import ALLOWED_ORIGIN, cookie, opened, signed_in
from tests.conftest import MakeUser
from tests.live_server import LiveServer


async def test_a_token_client_authenticates_with_its_first_frame(
    server: LiveServer, make_user: MakeUser
) -> None:
    user = await make_user()
    async with signed_in(server, user) as socket:
        assert set(socket.ready) == {"type", "connection_id", "user_id"}
        assert socket.ready["user_id"] == user.id
        await socket.send({"type": "ping"})
        assert await socket.receive() == {"type": "pong"}


async def test_a_cookie_session_from_an_allowed_origin_is_ready_at_once(
    server: LiveServer, make_user: MakeUser
) -> None:
    user = await make_user()
    async with opened(server, origin=ALLOWED_ORIGIN, additional_headers=cookie(user)) as socket:
        ready = await socket.expect("ready")
        assert ready["user_id"] == user.id


async def test_a_cookie_session_from_another_origin_is_refused_at_the_upgrade(
    server: LiveServer, make_user: MakeUser
) -> None:
    user = await make_user()
    evil = Origin("https://evil.example")
    with pytest.raises(InvalidStatus) as refused:
        async with opened(server, origin=evil, additional_headers=cookie(user)):
            pass
    assert refused.value.response.status_code == 403


async def test_a_token_client_may_come_from_another_origin(
    server: LiveServer, make_user: MakeUser
) -> None:
    user = await make_user()
    async with signed_in(server, user, origin=Origin("https://tool.example")) as socket:
        assert socket.ready["user_id"] == user.id


@pytest.mark.parametrize(
    "first",
    [
        {"type": "ping"},
        {"type": "auth", "token": "not-a-token"},
        {"type": "auth"},
        "not json",
    ],
)
async def test_a_first_frame_that_is_not_valid_auth_closes_4401(
    server: LiveServer, first: Any
) -> None:
    async with opened(server) as socket:
        await socket.connection.send(first if isinstance(first, str) else httpx_json(first))
        assert await socket.close_code() == 4401


async def test_a_bad_cookie_closes_4401(server: LiveServer, make_user: MakeUser) -> None:
    headers = {"Cookie": "taskmate_access=forged"}
    async with opened(server, origin=ALLOWED_ORIGIN, additional_headers=headers) as socket:
        assert await socket.close_code() == 4401


async def test_silence_after_connecting_closes_4408(server: LiveServer) -> None:
    async with opened(server) as socket:
        assert await socket.close_code() == 4408  # the test policy waits 0.3 s, not 10


async def test_a_frame_over_256_kib_closes_1009(server: LiveServer, make_user: MakeUser) -> None:
    user = await make_user()
    async with signed_in(server, user) as socket:
        await socket.send({"type": "ping", "padding": "x" * 256 * 1024})
        assert await socket.close_code() == 1009


async def test_signing_out_closes_that_sessions_sockets_only(
    server: LiveServer, make_user: MakeUser, client: httpx.AsyncClient
) -> None:
    user = await make_user(email="twice@example.com")
    login = await client.post(
        "/api/v1/auth/login", json={"email": user.email, "password": user.password}
    )
    other_session = {"Authorization": f"Bearer {login.json()['access_token']}"}
    async with signed_in(server, user) as first, signed_in(server, user) as second:
        cookie_socket = opened(server, origin=ALLOWED_ORIGIN, additional_headers=cookie(user))
        async with cookie_socket as third:
            await third.expect("ready")
            response = await client.post("/api/v1/auth/logout", headers=user.headers)
            assert response.status_code == 204
            for socket in (first, second, third):
                assert await socket.close_code() == 4401
        async with opened(server) as survivor:
            await survivor.send({"type": "auth", "token": login.json()["access_token"]})
            await survivor.expect("ready")
            assert (await client.get("/api/v1/me", headers=other_session)).status_code == 200
            assert await survivor.pending() == []


async def test_server_shutdown_closes_sockets_1012(server: LiveServer, make_user: MakeUser) -> None:
    user = await make_user()
    async with signed_in(server, user) as socket:
        server.server.should_exit = True
        assert await socket.close_code() == 1012


def httpx_json(frame: Any) -> str:
    return httpx.Request("POST", "/", json=frame).content.decode()
