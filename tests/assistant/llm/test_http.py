"""The real HTTP path: the running app talks Chat Completions to a local scripted
OpenAI-compatible server, and a user chats over WebSocket. Failures of the model end in the
offline fallback or an apology with a retry choice that works."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest

from taskmate.api.runtime import Runtime
from tests.assistant.chat import Chat, answer_text, answered, asking, of_type
from tests.assistant.llm.openai_server import (
    Fail,
    Garbage,
    Hang,
    ScriptedServer,
    Stream,
    openai_server,
    text,
    tool_calls,
)
from tests.chat.helpers import create_conversation, get_conversation, url
from tests.chat.transports.sockets import signed_in
from tests.conftest import MakeUser
from tests.live_server import LiveServer

Json = dict[str, Any]
ZONE = "Europe/Paris"
TIMEOUT = 2.0


@pytest.fixture
async def model_server() -> AsyncIterator[ScriptedServer]:
    async with openai_server() as scripted:
        yield scripted


@pytest.fixture
def settings_overrides(model_server: ScriptedServer) -> dict[str, Any]:
    return {
        "rate_messages_per_minute": 0,
        "llm": "openai:test-model",
        "llm_base_url": model_server.url,
        "llm_timeout": TIMEOUT,
        "llm_retries": 1,
    }


async def start(client: httpx.AsyncClient, make_user: MakeUser) -> Chat:
    user = await make_user(timezone=ZONE)
    conversation = await create_conversation(client, user)
    return Chat(client, user, conversation["id"])


async def test_a_conversation_over_websocket_adds_the_task_and_streams_the_answer(
    server: LiveServer,
    client: httpx.AsyncClient,
    make_user: MakeUser,
    model_server: ScriptedServer,
    runtime: Runtime,
) -> None:
    chat = await start(client, make_user)
    model_server.play(
        tool_calls(
            ("add_tasks", {"tasks": [{"title": "Buy milk", "due": "tomorrow at 5pm"}]}),
            ("find_tasks", {"text": "milk", "status": "all"}),
        ),
        text("I added **Buy milk** for tomorrow at 5pm."),
    )
    async with signed_in(server, chat.user) as socket:
        await socket.subscribe(chat.id)
        await socket.send_message(chat.id, "add buy milk tomorrow at 5pm")
        deltas: list[str] = []
        items: dict[str, Json] = {}
        while not any(answered(item) for item in items.values()):
            frame = await socket.receive()
            if frame["type"] == "delta":
                deltas.append(frame["text"])
            elif frame["type"] == "item":
                items[frame["item"]["id"]] = frame["item"]

    tomorrow = (runtime.clock().astimezone(ZoneInfo(ZONE)) + timedelta(days=1)).date()
    [task] = await chat.tasks()
    assert task["title"] == "Buy milk"
    assert task["due"]["date"] == tomorrow.isoformat() and task["due"]["time"] == "17:00"
    calls = of_type(list(items.values()), "tool_call")
    assert sorted(call["name"] for call in calls) == ["add_tasks", "find_tasks"]
    assert all(call["status"] == "succeeded" for call in calls)
    answer = "I added **Buy milk** for tomorrow at 5pm."
    assert "".join(deltas) == answer
    transcript = await chat.items()
    assert answer_text(transcript) == answer
    # The tools' results went back to the model with the calls' ids.
    tool_messages = [m for m in model_server.requests[1]["messages"] if m["role"] == "tool"]
    assert {m["tool_call_id"] for m in tool_messages} == {"call_0", "call_1"}
    assert "Buy milk" in tool_messages[0]["content"]
    assert (await get_conversation(client, chat.user, chat.id))["title"] == "Groceries"


async def test_stop_keeps_what_the_model_said_and_undo_reverses_its_change(
    server: LiveServer, client: httpx.AsyncClient, make_user: MakeUser, model_server: ScriptedServer
) -> None:
    chat = await start(client, make_user)
    model_server.play(tool_calls(("add_tasks", {"tasks": [{"title": "Water plants"}]})))
    model_server.play(Stream(text("Added it. Anything else for today?").chunks, hang_after=3))
    async with signed_in(server, chat.user) as socket:
        await socket.subscribe(chat.id)
        await socket.send_message(chat.id, "add water plants")
        said = ""
        while said != "Added it. ":
            said += (await socket.next("delta"))["text"]
        response = await client.post(url(chat.id, "/stop"), headers=chat.user.headers)
        assert response.json() == {"stopped": True}

    def stopped(item: Json) -> bool:
        return bool(item["type"] == "message" and item["status"] == "stopped")

    [answer] = [item for item in await chat.wait(stopped) if stopped(item)]
    assert answer["content"] == "Added it. "
    [call] = [item for item in await chat.items() if item["type"] == "tool_call"]
    undone = await client.post(url(chat.id, f"/items/{call['id']}/undo"), headers=chat.user.headers)
    assert undone.status_code == 200, undone.text
    assert await chat.tasks() == []


@pytest.mark.parametrize(
    "failure",
    [
        [Fail(500), Fail(500)],
        [Hang()],
        [Garbage()],
        [Stream(tool_calls(("add_tasks", {"tasks": [{"title": "x"}]})).chunks, cut_after=3)],
    ],
    ids=["http-500", "timeout", "malformed", "cut"],
)
async def test_a_failing_model_falls_back_to_the_offline_assistant_for_task_commands(
    client: httpx.AsyncClient, make_user: MakeUser, model_server: ScriptedServer, failure: list[Any]
) -> None:
    chat = await start(client, make_user)
    model_server.play(*failure)
    items = await chat.say("add call the plumber tomorrow")

    assert [task["title"] for task in await chat.tasks()] == ["call the plumber"]
    assert "call the plumber" in answer_text(items)
    assert "Traceback" not in answer_text(items)
    conversation = await get_conversation(client, chat.user, chat.id)
    assert conversation["title"] not in (None, "Groceries")  # offline's, not the model's


async def test_otherwise_the_answer_apologises_and_retry_asks_the_model_again(
    client: httpx.AsyncClient, make_user: MakeUser, model_server: ScriptedServer
) -> None:
    chat = await start(client, make_user)
    model_server.play(Fail(500), Fail(500), text("I can only help with your tasks."))
    items = await chat.say("what is the weather in Paris?", ends=asking)

    [choice] = of_type(items, "choice")
    assert [option["id"] for option in choice["options"]] == ["retry", "cancel"]
    assert len(model_server.requests) == 2  # the first attempt and one retry with backoff
    answer = await chat.choose(choice, "retry")
    text_now = answer_text(answer)
    assert "HTTP 500" in text_now
    assert text_now.endswith(".\n\nI can only help with your tasks.")
