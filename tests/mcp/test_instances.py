"""``/mcp`` on two instances sharing PostgreSQL (and Redis), with no sticky routing: one
client's requests alternate between them, another client uses the second alone, and both
work; ``ask_assistant`` runs a turn with the offline assistant on whichever instance
answers."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from typing import Any

import httpx
import httpx2
import pytest
from mcp import Client
from mcp.client.streamable_http import streamable_http_client

from taskmate.api.runtime import LivePolicy
from taskmate.app import create_app
from taskmate.assistant.wiring import AssistantPolicy
from taskmate.config import Settings
from tests.auth.personal_tokens import bearer, create_token
from tests.chat.runner.harness import FAST
from tests.conftest import MakeUser
from tests.live_server import LiveServer, serving
from tests.mcp.clients import over_http, structured, text_of

pytestmark = pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)


@pytest.fixture
def assistant_policy() -> AssistantPolicy:
    return AssistantPolicy(timing=FAST)


@pytest.fixture
def settings_overrides(redis_url: str) -> dict[str, Any]:
    return {"redis_url": redis_url, "rate_messages_per_minute": 0}


@pytest.fixture
async def other(
    settings: Settings, live_policy: LivePolicy, assistant_policy: AssistantPolicy
) -> AsyncIterator[LiveServer]:
    second_app = create_app(settings, live=live_policy, assistant=assistant_policy)
    async with serving(second_app, settings, lifespan=True) as second:
        yield second


class Alternating(httpx2.AsyncBaseTransport):
    """Sends each request to the next instance in turn, as a load balancer without
    session affinity would; counts where they went."""

    def __init__(self, *servers: LiveServer) -> None:
        self._ports = itertools.cycle(int(s.host.rsplit(":", 1)[1]) for s in servers)
        self._inner = httpx2.AsyncHTTPTransport()
        self.sent: list[int] = []

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        port = next(self._ports)
        self.sent.append(port)
        request.url = request.url.copy_with(port=port)
        return await self._inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self._inner.aclose()


async def test_two_clients_through_two_instances_without_sticky_routing(
    server: LiveServer, other: LiveServer, client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user()
    secret = (await create_token(client, user))["token"]
    alternating = Alternating(server, other)
    async with (
        httpx2.AsyncClient(transport=alternating, headers=bearer(secret)) as http,
        Client(streamable_http_client(f"{server.http}/mcp", http_client=http)) as roaming,
        over_http(other, secret) as settled,
    ):
        added = structured(await roaming.call_tool("add_tasks", {"tasks": [{"title": "Fix bike"}]}))
        task_id = added["tasks"][0]["id"]
        found = structured(await settled.call_tool("find_tasks", {"query": {"text": "bike"}}))
        assert [task["id"] for task in found["tasks"]] == [task_id]
        structured(await settled.call_tool("complete_tasks", {"ids": [task_id]}))
        undone = await roaming.call_tool("undo", {})
        assert "Undone" in text_of(undone)
        reopened = structured(await roaming.call_tool("find_tasks", {"query": {"text": "bike"}}))
        assert [task["id"] for task in reopened["tasks"]] == [task_id]
    assert len(set(alternating.sent)) == 2 and len(alternating.sent) >= 4


async def test_ask_assistant_returns_the_answer_what_changed_and_its_questions(
    server: LiveServer, other: LiveServer, client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user()
    secret = (await create_token(client, user, ["chat"]))["token"]
    async with over_http(other, secret) as mcp:
        added = structured(await mcp.call_tool("ask_assistant", {"message": "add buy bread"}))
        assert [change["tool"] for change in added["changes"]] == ["add_tasks"]
        assert "bread" in added["answer"].lower()
        asked = structured(await mcp.call_tool("ask_assistant", {"message": "delete buy bread"}))
        question = asked["question"]
        assert question is not None and {o["id"] for o in question["options"]} == {
            "confirm",
            "cancel",
        }
        assert (await client.get("/api/v1/tasks", headers=user.headers)).json()["items"]
        confirmed = structured(await mcp.call_tool("ask_assistant", {"message": "yes"}))
        assert confirmed["conversation_id"] == added["conversation_id"]
        assert [change["tool"] for change in confirmed["changes"]] == ["delete_tasks"]
    assert (await client.get("/api/v1/tasks", headers=user.headers)).json()["items"] == []
    conversations = (await client.get("/api/v1/conversations", headers=user.headers)).json()
    assert [c["kind"] for c in conversations["items"]] == ["mcp"]
