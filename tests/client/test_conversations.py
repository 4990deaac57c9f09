"""Conversations and their items over REST, through the client."""

from __future__ import annotations

import uuid

import pytest

from taskmate.client import Taskmate, TaskmateError
from tests.live_server import until


async def test_a_message_is_sent_once_per_client_id_and_answered(taskmate: Taskmate) -> None:
    conversation = await taskmate.conversations.create(title="Groceries")
    client_id = str(uuid.uuid4())
    sent = await taskmate.conversations.send(conversation.id, "add buy milk", client_id=client_id)
    again = await taskmate.conversations.send(conversation.id, "add buy milk", client_id=client_id)
    assert again.item.id == sent.item.id and sent.generation_id is not None

    async def answered() -> bool:
        page = await taskmate.conversations.changes(conversation.id)
        return any(i.role == "assistant" and i.status == "completed" for i in page.items)

    await until(answered, 10)
    items = (await taskmate.conversations.changes(conversation.id)).items
    assert [item.client_id for item in items if item.role == "user"] == [client_id]
    assert any(item.type == "tool_call" and item.name == "add_tasks" for item in items)
    assert [task.title for task in await taskmate.tasks.list()] == ["buy milk"]

    listed = (await taskmate.conversations.list()).items
    assert [(c.id, c.title, c.message_count) for c in listed] == [(conversation.id, "Groceries", 2)]


async def test_another_users_conversation_is_not_found(taskmate: Taskmate) -> None:
    with pytest.raises(TaskmateError) as refused:
        await taskmate.conversations.get("00000000-0000-0000-0000-000000000000")
    assert (refused.value.code, refused.value.status) == ("not_found", 404)
