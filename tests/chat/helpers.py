"""Helpers for the chat API tests."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable
from typing import Any, TypeVar

import httpx

from taskmate.api.runtime import Runtime
from taskmate.chat.log import ItemDraft, ItemLog
from taskmate.events import ConversationEvent, DomainEvent, Event
from tests.conftest import Account

API = "/api/v1"
CONVERSATIONS = f"{API}/conversations"

Json = dict[str, Any]
E = TypeVar("E", DomainEvent, ConversationEvent)


def drain(queue: asyncio.Queue[E]) -> list[E]:
    """The events waiting in ``queue``, taken out."""
    events = []
    while not queue.empty():
        events.append(queue.get_nowait())
    return events


def url(conversation_id: str, tail: str = "") -> str:
    return f"{CONVERSATIONS}/{conversation_id}{tail}"


async def create_conversation(client: httpx.AsyncClient, user: Account, **body: Any) -> Json:
    response = await client.post(CONVERSATIONS, json=body, headers=user.headers)
    assert response.status_code == 201, response.text
    conversation: Json = response.json()
    return conversation


async def post_message(
    client: httpx.AsyncClient,
    user: Account,
    conversation_id: str,
    content: str = "hello",
    *,
    client_id: str | None = None,
) -> httpx.Response:
    body = {"client_id": client_id or str(uuid.uuid4()), "content": content}
    return await client.post(url(conversation_id, "/messages"), json=body, headers=user.headers)


async def send(
    client: httpx.AsyncClient, user: Account, conversation_id: str, content: str = "hello"
) -> Json:
    """Sends a new message; returns ``{item, generation_id}``."""
    response = await post_message(client, user, conversation_id, content)
    assert response.status_code == 201, response.text
    sent: Json = response.json()
    return sent


async def share(
    client: httpx.AsyncClient, owner: Account, conversation_id: str, member: Account
) -> None:
    response = await client.post(
        url(conversation_id, "/participants"), json={"email": member.email}, headers=owner.headers
    )
    assert response.status_code == 201, response.text


async def get_items(
    client: httpx.AsyncClient, user: Account, conversation_id: str, **params: Any
) -> Json:
    response = await client.get(url(conversation_id, "/items"), params=params, headers=user.headers)
    assert response.status_code == 200, response.text
    page: Json = response.json()
    return page


async def get_conversation(client: httpx.AsyncClient, user: Account, conversation_id: str) -> Json:
    response = await client.get(url(conversation_id), headers=user.headers)
    assert response.status_code == 200, response.text
    conversation: Json = response.json()
    return conversation


async def append_item(runtime: Runtime, conversation_id: str, draft: ItemDraft) -> str:
    """Writes an item as the generation runner will: through the item log. Returns its id."""
    async with runtime.database.session(write=True) as session:
        item = await ItemLog(session, clock=runtime.clock).append(conversation_id, draft)
        await session.commit()
        return item.id


def completed_answers(events: list[Event]) -> list[str]:
    """The assistant messages these events publish as completed, in order."""
    return [
        str(event.payload["id"])
        for event in events
        if isinstance(event, ConversationEvent)
        and event.kind == "item"
        and event.payload.get("role") == "assistant"
        and event.payload.get("status") == "completed"
    ]


async def until_published(condition: Callable[[], bool], runtime: Runtime) -> None:
    """Waits until ``condition`` holds after some event is published (5 s at most)."""
    changed = asyncio.Event()
    stop = runtime.events.observe(lambda _event: changed.set())
    try:
        async with asyncio.timeout(5):
            while not condition():
                changed.clear()
                await changed.wait()
    finally:
        stop()
