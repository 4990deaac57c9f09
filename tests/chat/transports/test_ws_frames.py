"""Every client frame, and the server frames they cause."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from taskmate.api.runtime import Runtime
from taskmate.chat.hooks import UNDO_HANDLERS_STATE
from taskmate.chat.live.log_reader import LogReader
from tests.chat.helpers import create_conversation, get_items, send, share, url
from tests.chat.test_actions import RecordingUndo, add_choice, add_tool_call
from tests.chat.transports.sockets import Json, signed_in
from tests.conftest import MakeUser
from tests.live_server import LiveServer
from tests.tasks.helpers import freeze

API = "/api/v1"


@pytest.mark.parametrize(
    ("frame", "code", "field"),
    [
        ("{not json", "bad_request", None),
        ("[" * 100_000, "bad_request", None),  # was internal_error: RecursionError
        ("[1, 2]", "validation_error", None),
        ('{"type": "shout"}', "validation_error", "type"),
        ('{"no": "type"}', "validation_error", "type"),
        ('{"type": "subscribe"}', "validation_error", "conversation_id"),
        (
            '{"type": "subscribe", "conversation_id": "x", "after_seq": -1}',
            "validation_error",
            "after_seq",
        ),
        (
            '{"type": "subscribe", "conversation_id": "x", "after_seq": true}',
            "validation_error",
            "after_seq",
        ),
        ('{"type": "read", "conversation_id": "x", "seq": "3"}', "validation_error", "seq"),
        (
            '{"type": "send", "conversation_id": "x", "client_id": "1", "content": "a"}',
            "validation_error",
            "client_id",
        ),
        (
            '{"type": "typing", "conversation_id": "x", "active": "yes"}',
            "validation_error",
            "active",
        ),
        ('{"type": "ping", "extra": 1}', "validation_error", "extra"),
        ('{"type": "auth", "token": "again"}', "validation_error", "type"),
    ],
)
async def test_a_bad_frame_gets_an_error_frame_and_the_socket_stays_open(
    server: LiveServer, make_user: MakeUser, frame: str, code: str, field: str | None
) -> None:
    async with signed_in(server, await make_user()) as socket:
        await socket.connection.send(frame)
        error = await socket.expect("error")
        assert error["code"] == code
        assert error["message"]
        if field is not None:
            assert [f["field"] for f in error["details"]["fields"]] == [field]
        await socket.send({"type": "ping"})
        assert await socket.receive() == {"type": "pong"}


async def test_half_a_surrogate_pair_is_a_validation_error_not_a_server_error(
    server: LiveServer, make_user: MakeUser, client: httpx.AsyncClient
) -> None:
    user = await make_user()
    conversation = await create_conversation(client, user)
    client_id = str(uuid.uuid4())
    frame = (
        f'{{"type": "send", "conversation_id": "{conversation["id"]}", '
        f'"client_id": "{client_id}", "content": "a\\ud800b"}}'
    )
    async with signed_in(server, user) as socket:
        await socket.connection.send(frame)
        error = await socket.expect("error")
        assert (error["code"], error["ref"]) == ("validation_error", client_id)
        assert [f["field"] for f in error["details"]["fields"]] == ["content"]
        await socket.send({"type": "ping"})
        assert await socket.receive() == {"type": "pong"}


async def test_a_binary_frame_gets_an_error_frame(server: LiveServer, make_user: MakeUser) -> None:
    async with signed_in(server, await make_user()) as socket:
        await socket.connection.send(b'{"type": "ping"}')
        assert (await socket.expect("error"))["code"] == "validation_error"
        assert await socket.pending() == []


async def test_send_is_acknowledged_once_committed_and_a_retry_gets_the_same_ack(
    server: LiveServer, make_user: MakeUser, client: httpx.AsyncClient
) -> None:
    user = await make_user()
    conversation = await create_conversation(client, user)
    frame = {
        "type": "send",
        "conversation_id": conversation["id"],
        "client_id": str(uuid.uuid4()),
        "content": "hello",
    }
    async with signed_in(server, user) as socket:
        await socket.send(frame)
        ack = await socket.expect("ack")
        await socket.send(frame)
        assert await socket.expect("ack") == ack
        [item] = (await get_items(client, user, conversation["id"], after_seq=0))["items"]
        assert ack == {
            "type": "ack",
            "client_id": frame["client_id"],
            "item_id": item["id"],
            "seq": item["seq"],
            "generation_id": ack["generation_id"],
        }
        assert isinstance(ack["generation_id"], str)
        await socket.send({**frame, "content": "changed"})
        conflict = await socket.expect("error")
        assert (conflict["code"], conflict["ref"]) == ("conflict", frame["client_id"])
        await socket.send({**frame, "client_id": str(uuid.uuid4()), "content": "x" * 10_001})
        too_long = await socket.expect("error")
        assert too_long["code"] == "payload_too_large"


async def test_subscribe_replays_after_the_seq_then_goes_live(
    server: LiveServer, make_user: MakeUser, client: httpx.AsyncClient
) -> None:
    user = await make_user()
    conversation = await create_conversation(client, user)
    sent = [await send(client, user, conversation["id"], f"m{n}") for n in range(3)]
    async with signed_in(server, user) as socket:
        replayed = await socket.subscribe(conversation["id"], after_seq=1)
        assert replayed == [
            {"type": "item", "conversation_id": conversation["id"], "item": sent[1]["item"]},
            {"type": "item", "conversation_id": conversation["id"], "item": sent[2]["item"]},
            {"type": "subscribed", "conversation_id": conversation["id"], "last_seq": 3},
        ]
        presence = await socket.expect("presence")
        assert presence == {
            "type": "presence",
            "conversation_id": conversation["id"],
            "online": [user.id],
        }
        live = await send(client, user, conversation["id"], "live")
        assert (await socket.expect("item"))["item"] == live["item"]


async def test_subscribe_without_a_seq_replays_nothing_and_unsubscribe_stops_frames(
    server: LiveServer, make_user: MakeUser, client: httpx.AsyncClient
) -> None:
    user = await make_user()
    conversation = await create_conversation(client, user)
    await send(client, user, conversation["id"])
    async with signed_in(server, user) as socket:
        assert await socket.subscribe(conversation["id"]) == [
            {"type": "subscribed", "conversation_id": conversation["id"], "last_seq": 1}
        ]
        await socket.expect("presence")
        await socket.send({"type": "unsubscribe", "conversation_id": conversation["id"]})
        assert await socket.pending() == []
        await send(client, user, conversation["id"])
        assert await socket.pending() == []


async def test_typing_is_relayed_to_the_other_participants_only(
    server: LiveServer, make_user: MakeUser, client: httpx.AsyncClient
) -> None:
    owner, member = await make_user(name="Olga"), await make_user(name="Max")
    conversation = await create_conversation(client, owner)
    await share(client, owner, conversation["id"], member)
    async with signed_in(server, owner) as owners, signed_in(server, member) as members:
        await owners.subscribe(conversation["id"])
        await members.subscribe(conversation["id"])
        await owners.next("presence")
        await members.next("presence")
        await owners.next("presence")  # the member's arrival
        await members.send(
            {"type": "typing", "conversation_id": conversation["id"], "active": True}
        )
        assert await owners.expect("typing") == {
            "type": "typing",
            "conversation_id": conversation["id"],
            "user_id": member.id,
            "name": "Max",
            "active": True,
        }
        assert await members.pending() == []


async def test_read_sends_a_receipt_to_everyone_subscribed(
    server: LiveServer, make_user: MakeUser, client: httpx.AsyncClient
) -> None:
    owner, member = await make_user(), await make_user()
    conversation = await create_conversation(client, owner)
    await share(client, owner, conversation["id"], member)
    await send(client, owner, conversation["id"])
    async with signed_in(server, owner) as owners, signed_in(server, member) as members:
        await owners.subscribe(conversation["id"])
        await members.subscribe(conversation["id"])
        await members.send({"type": "read", "conversation_id": conversation["id"], "seq": 1})
        receipt = {
            "type": "receipt",
            "conversation_id": conversation["id"],
            "user_id": member.id,
            "seq": 1,
        }
        assert await owners.next("receipt") == receipt
        assert await members.next("receipt") == receipt


async def test_stop_asks_the_generation_to_stop(
    server: LiveServer, make_user: MakeUser, client: httpx.AsyncClient, runtime: Runtime
) -> None:
    user = await make_user()
    conversation = await create_conversation(client, user)
    sent = await send(client, user, conversation["id"])
    async with (
        signed_in(server, user) as socket,
        runtime.events.subscribe_conversation(conversation["id"]) as events,
    ):
        await socket.send({"type": "stop", "conversation_id": conversation["id"]})
        assert await socket.pending() == []
        answer, stop = await events.get(), await events.get()
        assert (answer.kind, answer.payload["status"]) == ("item", "stopped")
        assert stop.payload == {"generation_id": sent["generation_id"], "command": "stop"}


async def test_choose_changes_the_choice_and_the_change_arrives_as_an_item(
    server: LiveServer, make_user: MakeUser, client: httpx.AsyncClient, runtime: Runtime
) -> None:
    user = await make_user()
    conversation = await create_conversation(client, user)
    choice = await add_choice(runtime, conversation["id"], user)
    frame = {
        "type": "choose",
        "conversation_id": conversation["id"],
        "item_id": choice,
        "option": "confirm",
    }
    async with signed_in(server, user) as socket:
        await socket.subscribe(conversation["id"])
        await socket.send(frame)
        item = (await socket.next("item"))["item"]
        assert (item["id"], item["status"], item["chosen"]) == (choice, "chosen", "confirm")
        await socket.send(frame)
        error = await socket.next("error")
        assert (error["code"], error["ref"]) == ("conflict", choice)


async def test_undo_reverses_a_tool_call_for_its_requester_only(
    server: LiveServer,
    make_user: MakeUser,
    client: httpx.AsyncClient,
    runtime: Runtime,
    app: FastAPI,
) -> None:
    setattr(app.state, UNDO_HANDLERS_STATE, {"add_task": RecordingUndo()})
    owner, member = await make_user(), await make_user()
    freeze(runtime)
    conversation = await create_conversation(client, owner)
    await share(client, owner, conversation["id"], member)
    tool_call = await add_tool_call(client, runtime, owner, conversation["id"])
    frame = {"type": "undo", "conversation_id": conversation["id"], "item_id": tool_call}
    async with signed_in(server, owner) as owners, signed_in(server, member) as members:
        await members.send(frame)
        error = await members.expect("error")
        assert (error["code"], error["ref"]) == ("forbidden", tool_call)
        await owners.subscribe(conversation["id"])
        await owners.send(frame)
        task = await owners.next("task")  # the handler's change, published with the undo
        assert task["event"] == "updated"
        item = (await owners.next("item"))["item"]
        assert (item["id"], item["undone_at"] is not None) == (tool_call, True)


async def test_the_users_channel_carries_tasks_projects_and_conversations(
    server: LiveServer, make_user: MakeUser, client: httpx.AsyncClient
) -> None:
    user = await make_user()
    async with signed_in(server, user) as socket:
        task = await client.post(f"{API}/tasks", json={"title": "milk"}, headers=user.headers)
        assert await socket.expect("task") == {
            "type": "task",
            "event": "created",
            "task": task.json(),
        }
        project = await client.post(f"{API}/projects", json={"name": "Home"}, headers=user.headers)
        assert await socket.expect("project") == {
            "type": "project",
            "event": "created",
            "project": project.json(),
        }
        conversation = await create_conversation(client, user)
        created = await socket.expect("conversation")
        assert (created["event"], created["conversation"]) == ("created", conversation)
        await client.patch(url(conversation["id"]), json={"title": "Trip"}, headers=user.headers)
        renamed = await socket.expect("conversation")
        assert (renamed["event"], renamed["conversation"]["title"]) == ("updated", "Trip")


async def test_deltas_reach_subscribers_as_published(
    server: LiveServer, make_user: MakeUser, client: httpx.AsyncClient, runtime: Runtime
) -> None:
    user = await make_user()
    conversation = await create_conversation(client, user)
    delta: Json = {
        "type": "delta",
        "conversation_id": conversation["id"],
        "item_id": str(uuid.uuid4()),
        "offset": 0,
        "text": "Hel",
    }
    async with signed_in(server, user) as socket:
        await socket.subscribe(conversation["id"])
        await socket.expect("presence")
        await runtime.events.publish_transient(conversation["id"], delta)
        assert await socket.expect("delta") == delta


async def test_presence_follows_who_has_the_conversation_open(
    server: LiveServer, make_user: MakeUser, client: httpx.AsyncClient
) -> None:
    owner, member = await make_user(), await make_user()
    conversation = await create_conversation(client, owner)
    await share(client, owner, conversation["id"], member)
    both = sorted([owner.id, member.id])
    async with signed_in(server, owner) as owners:
        await owners.subscribe(conversation["id"])
        assert (await owners.expect("presence"))["online"] == [owner.id]
        async with signed_in(server, member) as members:
            await members.subscribe(conversation["id"])
            assert (await members.expect("presence"))["online"] == both
            assert (await owners.expect("presence"))["online"] == both
        assert (await owners.expect("presence"))["online"] == [owner.id]


async def test_a_finalized_conversation_refuses_every_write_frame(
    server: LiveServer, make_user: MakeUser, client: httpx.AsyncClient, runtime: Runtime
) -> None:
    user = await make_user()
    conversation = await create_conversation(client, user)
    choice = await add_choice(runtime, conversation["id"], user)
    await client.post(url(conversation["id"], "/finalize"), headers=user.headers)
    cid = conversation["id"]
    frames: list[dict[str, Any]] = [
        {"type": "send", "conversation_id": cid, "client_id": str(uuid.uuid4()), "content": "x"},
        {"type": "typing", "conversation_id": cid, "active": True},
        {"type": "stop", "conversation_id": cid},
        {"type": "choose", "conversation_id": cid, "item_id": choice, "option": "confirm"},
        {"type": "undo", "conversation_id": cid, "item_id": choice},
    ]
    async with signed_in(server, user) as socket:
        for frame in frames:
            await socket.send(frame)
            assert (await socket.expect("error"))["code"] == "conversation_finalized", frame
        await socket.send({"type": "read", "conversation_id": cid, "seq": 1})
        assert await socket.pending() == []


async def test_the_message_rate_limit_counts_every_transport(
    server: LiveServer, make_user: MakeUser, client: httpx.AsyncClient
) -> None:
    user = await make_user()
    conversation = await create_conversation(client, user)
    for n in range(30):  # TASKMATE_RATE_MESSAGES_PER_MINUTE's default
        await send(client, user, conversation["id"], f"over REST {n}")
    client_id = str(uuid.uuid4())
    async with signed_in(server, user) as socket:
        await socket.send(
            {
                "type": "send",
                "conversation_id": conversation["id"],
                "client_id": client_id,
                "content": "one too many",
            }
        )
        error = await socket.expect("error")
    assert (error["code"], error["ref"]) == ("rate_limited", client_id)
    assert 0 < error["details"]["retry_after"] <= 60


async def test_another_tab_of_someone_present_changes_no_ones_presence(
    server: LiveServer, make_user: MakeUser, client: httpx.AsyncClient
) -> None:
    user = await make_user()
    conversation = await create_conversation(client, user)
    async with signed_in(server, user) as first:
        await first.subscribe(conversation["id"])
        assert (await first.expect("presence"))["online"] == [user.id]
        async with signed_in(server, user) as second:
            await second.subscribe(conversation["id"])
            assert (await second.expect("presence"))["online"] == [user.id]
        assert await first.pending() == []


async def test_typing_repeated_on_every_keystroke_is_relayed_once(
    server: LiveServer, make_user: MakeUser, client: httpx.AsyncClient
) -> None:
    owner, member = await make_user(), await make_user()
    cid = (await create_conversation(client, owner))["id"]
    await share(client, owner, cid, member)
    async with signed_in(server, owner) as owners, signed_in(server, member) as members:
        await owners.subscribe(cid)
        await members.subscribe(cid)
        await members.send({"type": "typing", "conversation_id": cid, "active": False})
        for _ in range(5):
            await members.send({"type": "typing", "conversation_id": cid, "active": True})
        await members.send({"type": "typing", "conversation_id": cid, "active": False})
        await members.pending()  # every frame above was carried out
        typing = [frame for frame in await owners.pending() if frame["type"] == "typing"]
        assert [frame["active"] for frame in typing] == [True, False]


@pytest.mark.parametrize("after_seq", [None, 0], ids=["subscribe", "resume"])
async def test_a_database_outage_during_subscribe_is_an_error_frame_not_a_close(
    server: LiveServer,
    make_user: MakeUser,
    client: httpx.AsyncClient,
    monkeypatch: pytest.MonkeyPatch,
    after_seq: int | None,
) -> None:
    user = await make_user()
    cid = (await create_conversation(client, user))["id"]
    await send(client, user, cid)

    async def unreachable(*_args: Any) -> None:
        raise OSError("connection refused")

    async with signed_in(server, user) as socket:
        with monkeypatch.context() as patch:
            patch.setattr(LogReader, "streaming" if after_seq is None else "changes", unreachable)
            subscribe: Json = {"type": "subscribe", "conversation_id": cid}
            if after_seq is not None:
                subscribe["after_seq"] = after_seq
            await socket.send(subscribe)
            error = await socket.expect("error")
        assert (error["code"], error["ref"]) == ("unavailable", cid)
        await socket.send({"type": "ping"})
        assert await socket.receive() == {"type": "pong"}
        assert (await socket.subscribe(cid))[-1]["type"] == "subscribed"  # once it is back
