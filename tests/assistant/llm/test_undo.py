"""The model's ``undo`` tool through the running engine: it reverses the asking user's latest
change in the conversation the way the Undo button does, and cannot be undone itself."""

from __future__ import annotations

import httpx
import pytest

from taskmate.api.runtime import Runtime
from taskmate.assistant.latest_undo import NOTHING_TO_UNDO
from taskmate.assistant.wiring import AssistantPolicy
from tests.assistant.chat import Chat, Json, LateResponder, answer_text, of_type, start
from tests.assistant.llm.conftest import llm_responder
from tests.assistant.llm.scripted_model import Call, ScriptedModel
from tests.chat.helpers import create_conversation
from tests.chat.runner.harness import FAST
from tests.conftest import MakeUser

pytestmark = pytest.mark.usefixtures("no_model_requests")


_RESPONDER = LateResponder()


@pytest.fixture
def assistant_policy() -> AssistantPolicy:
    return AssistantPolicy(timing=FAST, responder=_RESPONDER)


def scripted(runtime: Runtime, *replies: str | list[Call]) -> ScriptedModel:
    script = ScriptedModel(*replies)
    _RESPONDER.inner = llm_responder(runtime, script)
    return script


def adding(title: str) -> list[Call]:
    return [Call("add_tasks", {"tasks": [{"title": title}]})]


async def titles(chat: Chat) -> list[str]:
    return sorted(str(task["title"]) for task in await chat.tasks("all"))


async def the_call(chat: Chat, call: Json) -> Json:
    [now] = [item for item in await chat.items() if item["id"] == call["id"]]
    return now


async def test_undo_reverses_the_latest_change_and_never_itself(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    script = scripted(
        runtime,
        adding("Call mom"),
        "Added.",
        adding("Buy milk"),
        "Added.",
        [Call("undo", {})],
        "I removed Buy milk again.",
        [Call("undo", {})],
        "And Call mom.",
    )
    chat = await start(client, make_user)
    [first] = of_type(await chat.say("add call mom"), "tool_call")
    [second] = of_type(await chat.say("add buy milk"), "tool_call")

    items = await chat.say("oops, undo that")

    [undone] = of_type(items, "tool_call")
    assert undone["name"] == "undo" and undone["status"] == "succeeded"
    assert undone["undo_until"] is None and undone["result"]["undid"] == "add_tasks"
    assert "Undone: I removed “Buy milk”." in script.tool_results()
    assert [step["label"] for step in of_type(items, "step")] == ["Undoing your last change"]
    assert answer_text(items).strip() == "I removed Buy milk again."
    assert await titles(chat) == ["Call mom"]
    assert (await the_call(chat, second))["undone_at"] is not None
    assert (await the_call(chat, first))["undone_at"] is None

    await chat.say("that one too")  # the undo before is passed over: it cannot be undone
    assert await titles(chat) == []
    assert (await the_call(chat, first))["undone_at"] is not None


async def test_with_nothing_to_undo_the_call_fails_and_nothing_changes(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    script = scripted(
        runtime, adding("Call mom"), "Added.", [Call("undo", {})], "There is nothing to undo."
    )
    chat = await start(client, make_user)
    [added] = of_type(await chat.say("add call mom"), "tool_call")
    other = Chat(client, chat.user, (await create_conversation(client, chat.user))["id"])

    [call] = of_type(await other.say("undo"), "tool_call")

    assert call["status"] == "failed" and call["result"] == {"error": NOTHING_TO_UNDO}
    assert call["undo_until"] is None
    assert f"Failed: {NOTHING_TO_UNDO}" in script.tool_results()
    assert await titles(chat) == ["Call mom"]
    assert (await the_call(chat, added))["undone_at"] is None
