"""The app's runner hears of new messages through the broker, not only by polling."""

from __future__ import annotations

import dataclasses

import httpx
import pytest

from taskmate.assistant.wiring import AssistantPolicy
from tests.assistant.chat import Chat
from tests.chat.helpers import create_conversation
from tests.chat.runner.harness import FAST
from tests.conftest import MakeUser


@pytest.fixture
def assistant_policy() -> AssistantPolicy:
    # A poll this slow never happens during the test: only the broker's hook can start work.
    return AssistantPolicy(timing=dataclasses.replace(FAST, poll=3600))


async def test_a_message_is_answered_without_waiting_for_the_poll(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user()
    conversation = await create_conversation(client, user)
    chat = Chat(client, user, conversation["id"])
    items = await chat.say("add a task to call the plumber tomorrow")
    assert any(item["type"] == "tool_call" and item["status"] == "succeeded" for item in items)
    assert [task["title"] for task in await chat.tasks()] == ["call the plumber"]
