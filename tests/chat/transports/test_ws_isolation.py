"""Nobody reaches a conversation they do not take part in, through any frame; removal from a
conversation ends the subscription at once."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

from taskmate.api.runtime import Runtime
from tests.chat.helpers import create_conversation, send, share, url
from tests.chat.test_actions import add_choice
from tests.chat.transports.sockets import signed_in
from tests.conftest import MakeUser
from tests.live_server import LiveServer


async def test_every_frame_about_someone_elses_conversation_is_not_found(
    server: LiveServer, make_user: MakeUser, client: httpx.AsyncClient, runtime: Runtime
) -> None:
    owner, stranger = await make_user(), await make_user()
    conversation = await create_conversation(client, owner)
    cid = conversation["id"]
    choice = await add_choice(runtime, cid, owner)
    client_id = str(uuid.uuid4())
    frames: list[tuple[dict[str, Any], str]] = [
        ({"type": "subscribe", "conversation_id": cid, "after_seq": 0}, cid),
        ({"type": "unsubscribe", "conversation_id": cid}, cid),
        (
            {"type": "send", "conversation_id": cid, "client_id": client_id, "content": "x"},
            client_id,
        ),
        ({"type": "typing", "conversation_id": cid, "active": True}, cid),
        ({"type": "read", "conversation_id": cid, "seq": 1}, cid),
        ({"type": "stop", "conversation_id": cid}, cid),
        (
            {"type": "choose", "conversation_id": cid, "item_id": choice, "option": "confirm"},
            choice,
        ),
        ({"type": "undo", "conversation_id": cid, "item_id": choice}, choice),
        ({"type": "subscribe", "conversation_id": "not-a-uuid"}, "not-a-uuid"),
    ]
    async with signed_in(server, owner) as owners, signed_in(server, stranger) as strangers:
        await owners.subscribe(cid)
        await owners.expect("presence")
        for frame, ref in frames:
            await strangers.send(frame)
            error = await strangers.expect("error")
            assert (error["code"], error["ref"]) == ("not_found", ref), frame
        assert await owners.pending() == []  # no typing, receipt, presence or item leaked
        await send(client, owner, cid)
        assert await strangers.pending() == []


async def test_removal_ends_the_subscription_at_once(
    server: LiveServer, make_user: MakeUser, client: httpx.AsyncClient
) -> None:
    owner, member = await make_user(), await make_user()
    conversation = await create_conversation(client, owner)
    cid = conversation["id"]
    await share(client, owner, cid, member)
    async with signed_in(server, owner) as owners, signed_in(server, member) as members:
        await owners.subscribe(cid)
        await members.subscribe(cid)
        await members.next("presence")
        await owners.next("presence")
        await owners.next("presence")
        response = await client.delete(
            url(cid, f"/participants/{member.id}"), headers=owner.headers
        )
        assert response.status_code == 204
        removed = await members.next("conversation")
        assert (removed["event"], removed["conversation"]["id"]) == ("deleted", cid)
        assert (await owners.next("presence"))["online"] == [owner.id]
        await send(client, owner, cid, "after the removal")
        await members.send({"type": "typing", "conversation_id": cid, "active": True})
        assert (await members.expect("error"))["code"] == "not_found"
        assert [frame["type"] for frame in await members.pending()] == []
        assert [frame["type"] for frame in await owners.pending()] == ["item"]
