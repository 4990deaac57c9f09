"""Server-Sent Events: a conversation's stream and the user's own channel."""

from __future__ import annotations

import httpx

from tests.chat.helpers import create_conversation, send, share, url
from tests.chat.transports.streams import event_stream
from tests.conftest import MakeUser
from tests.helpers import assert_error
from tests.live_server import LiveServer


async def test_a_conversation_stream_replays_after_last_event_id_then_goes_live(
    server: LiveServer, make_user: MakeUser, client: httpx.AsyncClient
) -> None:
    user = await make_user()
    conversation = await create_conversation(client, user)
    cid = conversation["id"]
    sent = [await send(client, user, cid, f"m{n}") for n in range(3)]
    headers = {**user.headers, "Last-Event-ID": "1"}
    async with event_stream(server, f"/conversations/{cid}/events", headers, after_seq=0) as events:
        assert events.response.headers["content-type"].startswith("text/event-stream")
        assert events.response.headers["cache-control"] == "no-cache"
        assert events.response.headers["x-accel-buffering"] == "no"
        for expected in sent[1:]:
            event = await events.next()
            assert (event.event, event.id, event.data) == (
                "item",
                str(expected["item"]["seq"]),
                expected["item"],
            )
        presence = await events.next()
        assert (presence.event, presence.data["online"]) == ("presence", [user.id])
        live = await send(client, user, cid, "live")
        event = await events.next_event("item")
        assert (event.id, event.data) == ("4", live["item"])


async def test_without_a_seq_nothing_is_replayed(
    server: LiveServer, make_user: MakeUser, client: httpx.AsyncClient
) -> None:
    user = await make_user()
    conversation = await create_conversation(client, user)
    cid = conversation["id"]
    await send(client, user, cid)
    async with event_stream(server, f"/conversations/{cid}/events", user.headers) as events:
        assert (await events.next()).event == "presence"
        await send(client, user, cid, "live")
        assert (await events.next_event("item")).id == "2"


async def test_the_stream_carries_receipts_typing_and_its_conversations_changes(
    server: LiveServer, make_user: MakeUser, client: httpx.AsyncClient
) -> None:
    owner, member = await make_user(), await make_user()
    conversation = await create_conversation(client, owner)
    cid = conversation["id"]
    await share(client, owner, cid, member)
    await send(client, owner, cid)
    async with event_stream(server, f"/conversations/{cid}/events", member.headers) as events:
        await events.next_event("presence")
        await client.post(url(cid, "/read"), json={"seq": 1}, headers=owner.headers)
        receipt = await events.next_event("receipt")
        assert receipt.data == {
            "type": "receipt",
            "conversation_id": cid,
            "user_id": owner.id,
            "seq": 1,
        }
        await client.patch(url(cid), json={"title": "Trip"}, headers=owner.headers)
        renamed = await events.next_event("conversation")
        assert (renamed.data["event"], renamed.data["conversation"]["title"]) == ("updated", "Trip")
        await client.delete(url(cid, f"/participants/{member.id}"), headers=owner.headers)
        removed = await events.next_event("conversation")
        assert removed.data["event"] == "deleted"
        assert await events.ended()


async def test_the_users_channel_streams_task_events(
    server: LiveServer, make_user: MakeUser, client: httpx.AsyncClient
) -> None:
    user = await make_user()
    async with event_stream(server, "/events", user.headers) as events:
        task = await client.post("/api/v1/tasks", json={"title": "milk"}, headers=user.headers)
        event = await events.next_event("task")
        assert event.data == {"type": "task", "event": "created", "task": task.json()}


async def test_idle_streams_are_pinged(server: LiveServer, make_user: MakeUser) -> None:
    user = await make_user()
    async with event_stream(server, "/events", user.headers) as events:
        assert (await events.next()).comment == "ping"  # every 0.2 s under the test policy
        assert (await events.next()).comment == "ping"


async def test_the_session_cookie_works_and_credentials_are_required(
    server: LiveServer, make_user: MakeUser, client: httpx.AsyncClient
) -> None:
    user, stranger = await make_user(), await make_user()
    conversation = await create_conversation(client, user)
    path = f"/conversations/{conversation['id']}/events"
    cookie = {"Cookie": f"taskmate_access={user.access_token}"}
    async with event_stream(server, path, cookie) as events:
        assert (await events.next()).event == "presence"
    async with httpx.AsyncClient(base_url=f"{server.http}/api/v1", timeout=5) as http:
        assert_error(await http.get(path), 401, "unauthorized")
        assert_error(await http.get("/events"), 401, "unauthorized")
        assert_error(await http.get(path, headers=stranger.headers), 404, "not_found")
        bad_resume = {**user.headers, "Last-Event-ID": "seven"}
        assert_error(await http.get(path, headers=bad_resume), 422, "validation_error")
