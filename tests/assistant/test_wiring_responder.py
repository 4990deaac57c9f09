"""A responder given in the ``AssistantPolicy`` answers instead of the offline assistant."""

from __future__ import annotations

import httpx
import pytest

from taskmate.assistant.wiring import AssistantPolicy
from taskmate.chat.scripted import ScriptedResponder, text_deltas
from tests.assistant.chat import Chat, answer_text
from tests.chat.helpers import create_conversation
from tests.chat.runner.harness import FAST
from tests.conftest import MakeUser

SCRIPT = "A scripted answer, word by word."


@pytest.fixture
def assistant_policy() -> AssistantPolicy:
    return AssistantPolicy(timing=FAST, responder=ScriptedResponder(text_deltas(SCRIPT)))


async def test_the_policy_responder_answers_messages(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user()
    conversation = await create_conversation(client, user)
    items = await Chat(client, user, conversation["id"]).say("add a task to call the plumber")
    assert answer_text(items) == SCRIPT
