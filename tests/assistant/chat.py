"""Talking to the app's assistant in tests: send a message, wait for what answers it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx

from taskmate.chat.responder import Output, Responder, Turn
from tests.chat.helpers import create_conversation, get_items, send, url
from tests.conftest import Account, MakeUser
from tests.live_server import until

Json = dict[str, Any]
TASKS = "/api/v1/tasks"


class Chat:
    def __init__(self, client: httpx.AsyncClient, user: Account, conversation_id: str) -> None:
        self.client = client
        self.user = user
        self.id = conversation_id
        self.asked_at = 0  # the position of the message sent last

    async def items(self) -> list[Json]:
        items: list[Json] = (await get_items(self.client, self.user, self.id, limit=200))["items"]
        return items

    async def say(self, text: str, *, ends: Callable[[Json], bool] | None = None) -> list[Json]:
        """Sends ``text``; returns the items after it once one fits ``ends`` (by default the
        completed answer)."""
        sent = await send(self.client, self.user, self.id, text)
        self.asked_at = sent["item"]["position"]
        return await self.wait(ends or answered)

    async def wait(self, ends: Callable[[Json], bool]) -> list[Json]:
        found: list[Json] = []

        async def done() -> bool:
            nonlocal found
            found = [item for item in await self.items() if item["position"] > self.asked_at]
            return any(ends(item) for item in found)

        await until(done)
        return found

    async def choose(
        self, choice: Json, option: str, *, ends: Callable[[Json], bool] | None = None
    ) -> list[Json]:
        response = await self.client.post(
            url(self.id, f"/items/{choice['id']}/choose"),
            json={"option": option},
            headers=self.user.headers,
        )
        assert response.status_code == 200, response.text
        return await self.wait(ends or answered)

    async def undo(self, call: Json) -> Json:
        """Undoes a tool call; returns the call's item as the response shows it."""
        response = await self.client.post(
            url(self.id, f"/items/{call['id']}/undo"), headers=self.user.headers
        )
        assert response.status_code == 200, response.text
        item: Json = response.json()["item"]
        return item

    async def tasks(self, status: str = "open") -> list[Json]:
        response = await self.client.get(
            TASKS, params={"status": status}, headers=self.user.headers
        )
        assert response.status_code == 200, response.text
        tasks: list[Json] = response.json()["items"]
        return tasks


async def start(client: httpx.AsyncClient, make_user: MakeUser, **user: str) -> Chat:
    """A new conversation of a new user (``user``: their account's fields)."""
    account = await make_user(**user)
    conversation = await create_conversation(client, account)
    return Chat(client, account, conversation["id"])


def answered(item: Json) -> bool:
    return bool(item["type"] == "message" and item["role"] == "assistant") and bool(
        item["status"] == "completed"
    )


def asking(item: Json) -> bool:
    return bool(item["type"] == "choice" and item["status"] == "pending")


def of_type(items: list[Json], kind: str) -> list[Json]:
    return [item for item in items if item["type"] == kind]


def answer_text(items: list[Json]) -> str:
    text: str = next(item for item in items if answered(item))["content"]
    return text


class LateResponder:
    """A responder for ``AssistantPolicy``, whose real one (``inner``) a test builds once the
    app's runtime exists."""

    inner: Responder | None = None

    async def respond(self, turn: Turn) -> AsyncIterator[Output]:
        assert self.inner is not None
        async for output in self.inner.respond(turn):
            yield output
