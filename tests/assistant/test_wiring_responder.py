"""A policy's own responder answers instead of the configured assistant."""

from __future__ import annotations

import httpx
import pytest

from taskmate.assistant.wiring import AssistantPolicy
from taskmate.chat.scripted import ScriptedResponder, text_deltas
from tests.assistant.chat import Chat
from tests.chat.helpers import create_conversation
from tests.chat.runner.harness import FAST
from tests.conftest import MakeUser


@pytest.fixture
def assistant_policy() -> AssistantPolicy:
    return AssistantPolicy(timing=FAST, responder=ScriptedResponder(text_deltas("From a script.")))


async def test_the_policys_responder_answers(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user()
    conversation = await create_conversation(client, user)
    items = await Chat(client, user, conversation["id"]).say("add milk")
    answers = [item["content"] for item in items if item.get("role") == "assistant"]
    assert answers == ["From a script."]
    assert await Chat(client, user, conversation["id"]).tasks() == []
