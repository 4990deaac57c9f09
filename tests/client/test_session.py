"""Signing in with a password or a personal access token; refusals as typed errors."""

from __future__ import annotations

import httpx
import pytest

from taskmate.client import Taskmate, TaskmateError
from tests.auth.personal_tokens import create_token
from tests.conftest import PASSWORD, Account
from tests.live_server import LiveServer


async def test_signing_in_with_a_password_gives_a_token_the_client_then_uses(
    server: LiveServer, account: Account
) -> None:
    async with Taskmate(server.http) as taskmate:
        signed_in = await taskmate.sign_in(account.email, PASSWORD)
        assert taskmate.token == signed_in.access_token
        me = await taskmate.me()
    assert (me.email, me.name) == (account.email, "Ada")


async def test_a_wrong_password_is_the_protocols_unauthorized(
    server: LiveServer, account: Account
) -> None:
    async with Taskmate(server.http) as taskmate:
        with pytest.raises(TaskmateError) as refused:
            await taskmate.sign_in(account.email, "not the password")
    assert (refused.value.code, refused.value.status) == ("unauthorized", 401)
    assert refused.value.message


async def test_a_read_only_personal_token_reads_and_is_refused_a_write(
    server: LiveServer, account: Account
) -> None:
    async with httpx.AsyncClient(base_url=server.http) as http:
        token = (await create_token(http, account, ["tasks:read"]))["token"]
    async with Taskmate(server.http, token) as taskmate:
        assert await taskmate.tasks.list() == []
        with pytest.raises(TaskmateError) as refused:
            await taskmate.tasks.create("buy milk")
    assert (refused.value.code, refused.value.status) == ("insufficient_scope", 403)
    assert refused.value.details["required_scope"] == "tasks:write"


async def test_the_transport_headers_and_timeout_given_reach_every_request() -> None:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"items": []})

    transport = httpx.MockTransport(answer)
    headers = {"X-Forwarded-For": "10.0.0.7"}
    async with Taskmate(
        "http://cluster", "t0k", transport=transport, headers=headers, timeout=2.5
    ) as taskmate:
        assert await taskmate.projects.list() == []
    [request] = seen
    assert str(request.url) == "http://cluster/api/v1/projects"
    assert request.headers["X-Forwarded-For"] == "10.0.0.7"
    assert request.headers["Authorization"] == "Bearer t0k"
    assert request.extensions["timeout"] == httpx.Timeout(2.5).as_dict()
