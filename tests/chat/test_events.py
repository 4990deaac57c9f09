"""What leaves the chat services after each commit: conversation events on users' own
channels, item, receipt and generation events on the conversation's channel."""

from __future__ import annotations

import asyncio

import httpx

from taskmate.api.runtime import Runtime
from taskmate.events import DomainEvent
from tests.chat.helpers import create_conversation, drain, send, share, url
from tests.conftest import MakeUser


def actions(queue: asyncio.Queue[DomainEvent]) -> list[tuple[str, str]]:
    return [(event.kind, event.action) for event in drain(queue)]


async def test_participants_hear_about_the_conversation_on_their_own_channel(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    owner, member = await make_user(), await make_user()
    async with (
        runtime.events.subscribe(owner.id) as owners,
        runtime.events.subscribe(member.id) as members,
    ):
        conversation = await create_conversation(client, owner, title="Trip")
        created = drain(owners)
        assert [(e.kind, e.action) for e in created] == [("conversation", "created")]
        assert created[0].payload == conversation
        await share(client, owner, conversation["id"], member)
        shared = drain(members)
        assert [(e.kind, e.action) for e in shared] == [("conversation", "created")]
        assert len(shared[0].payload["participants"]) == 2
        assert actions(owners) == [("conversation", "updated")]
        await client.patch(url(conversation["id"]), json={"title": "Hike"}, headers=owner.headers)
        renamed = drain(members)
        assert [e.payload["title"] for e in renamed] == ["Hike"]
        assert actions(owners) == [("conversation", "updated")]
        await client.delete(
            url(conversation["id"], f"/participants/{member.id}"), headers=owner.headers
        )
        assert actions(members) == [("conversation", "deleted")]
        assert actions(owners) == [("conversation", "updated")]
        await client.post(url(conversation["id"], "/finalize"), headers=owner.headers)
        finalized = drain(owners)
        assert [e.payload["status"] for e in finalized] == ["finalized"]
        await client.delete(url(conversation["id"]), headers=owner.headers)
        assert actions(owners) == [("conversation", "deleted")]
        assert drain(members) == []


async def test_item_changes_go_to_the_conversation_with_their_seq(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    user = await make_user()
    conversation = await create_conversation(client, user)
    async with runtime.events.subscribe_conversation(conversation["id"]) as channel:
        sent = await send(client, user, conversation["id"], "hi")
        item, queued = drain(channel)
        assert (item.kind, item.seq, item.payload) == ("item", 1, sent["item"])
        assert (queued.kind, queued.payload) == (
            "generation",
            {"generation_id": sent["generation_id"], "command": "queued"},
        )
        await client.post(url(conversation["id"], "/stop"), headers=user.headers)
        answer, stop = drain(channel)  # it never started: its answer ends as stopped
        assert (answer.kind, answer.seq, answer.payload["status"]) == ("item", 2, "stopped")
        assert stop.payload == {"generation_id": sent["generation_id"], "command": "stop"}


async def test_read_receipts_are_announced_when_they_move(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    user = await make_user()
    conversation = await create_conversation(client, user, assistant="off")
    await send(client, user, conversation["id"])
    read = url(conversation["id"], "/read")
    async with runtime.events.subscribe_conversation(conversation["id"]) as channel:
        await client.post(read, json={"seq": 1}, headers=user.headers)
        await client.post(read, json={"seq": 1}, headers=user.headers)
        receipts = drain(channel)
    assert [(e.kind, e.payload) for e in receipts] == [("receipt", {"user_id": user.id, "seq": 1})]
