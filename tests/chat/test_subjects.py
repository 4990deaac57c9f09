"""The subjects a tool call names: kept when it finishes, told to the user who asked, and
found again for the participants of conversations that are not deleted."""

from __future__ import annotations

import httpx

from taskmate.api.runtime import Runtime
from taskmate.chat.responder import ToolCallFinished, ToolCallStarted, Turn
from taskmate.chat.scripted import Script, ScriptedResponder
from taskmate.chat.subjects import SubjectCalls, calls_about
from taskmate.events import DomainEvent
from tests.chat.conftest import StartRunner
from tests.chat.helpers import create_conversation, send, share, url
from tests.chat.runner.harness import Recorder
from tests.conftest import MakeUser


def touching(turn: Turn) -> Script:
    """A call named "pin" touching what the message names, and one that touches nothing."""
    yield ToolCallStarted(name="pin", call_id="a")
    yield ToolCallFinished(result={}, call_id="a", subjects=turn.message.content.split())
    yield ToolCallStarted(name="look", call_id="b")
    yield ToolCallFinished(result={}, call_id="b")


async def about(runtime: Runtime, subject: str, user_id: str) -> SubjectCalls:
    async with runtime.database.session() as session:
        return await calls_about(session, subject, user_id=user_id, limit=10)


async def test_a_calls_subjects_are_kept_told_and_found_by_participants(
    client: httpx.AsyncClient,
    make_user: MakeUser,
    runtime: Runtime,
    recorder: Recorder,
    start_runner: StartRunner,
) -> None:
    await start_runner(ScriptedResponder(touching))
    owner, member, stranger = await make_user(), await make_user(), await make_user()
    conversation_id = (await create_conversation(client, owner))["id"]
    await share(client, owner, conversation_id, member)
    await send(client, owner, conversation_id, "note:7 note:3 note:7")
    await recorder.until(lambda: recorder.answers(conversation_id, "completed"))
    [told] = [e for e in recorder.events if isinstance(e, DomainEvent) and e.kind == "activity"]
    [pinned, _] = [i for i in recorder.items(conversation_id) if i["type"] == "tool_call"]

    assert (told.user_id, told.action, told.payload) == (
        owner.id,
        "created",
        {
            "conversation_id": conversation_id,
            "item_id": pinned["id"],
            "subjects": ["note:3", "note:7"],
        },
    )
    for user_id in (owner.id, member.id):
        found = await about(runtime, "note:7", user_id)
        assert [(call.item.id, call.requested_by) for call in found.calls] == [
            (pinned["id"], owner.id)
        ]
    assert (await about(runtime, "note:7", stranger.id)).calls == []
    assert (await about(runtime, "note", owner.id)).calls == []

    deleted = await client.delete(url(conversation_id), headers=owner.headers)
    assert deleted.status_code == 204, deleted.text
    assert (await about(runtime, "note:3", owner.id)).calls == []
