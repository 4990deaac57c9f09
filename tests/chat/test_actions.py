"""Answering choices and undoing tool calls."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

import httpx
from fastapi import FastAPI

from taskmate.api.runtime import Runtime
from taskmate.api.types import format_timestamp
from taskmate.chat.hooks import UNDO_HANDLERS_STATE, UndoRequest
from taskmate.chat.log import ItemDraft
from taskmate.errors import Conflict
from taskmate.events import DomainEvent, Event
from tests.chat.helpers import append_item, create_conversation, get_items, send, share, url
from tests.conftest import Account, MakeUser
from tests.helpers import assert_error, error_fields
from tests.tasks.helpers import NOW, freeze

OPTIONS = [
    {"id": "confirm", "label": "Delete it", "style": "danger"},
    {"id": "cancel", "label": "Keep it", "style": "default"},
]


class RecordingUndo:
    """Stands in for the assistant's tool: remembers what it was asked to reverse."""

    def __init__(self, *, refuse: bool = False) -> None:
        self.requests: list[UndoRequest] = []
        self.refuse = refuse

    async def undo(self, request: UndoRequest) -> Sequence[Event]:
        if self.refuse:
            raise Conflict("The task was changed since; it cannot be undone.")
        self.requests.append(request)
        return [DomainEvent(user_id=request.user_id, kind="task", action="updated")]


async def add_choice(runtime: Runtime, conversation_id: str, for_user: Account) -> str:
    draft = ItemDraft(
        type="choice",
        status="pending",
        data={"text": "Delete the task?", "options": OPTIONS, "for_user_id": for_user.id},
    )
    return await append_item(runtime, conversation_id, draft)


async def add_tool_call(
    client: httpx.AsyncClient, runtime: Runtime, user: Account, conversation_id: str
) -> str:
    """A tool call made by the generation answering ``user``'s message, undoable 30 s."""
    sent = await send(client, user, conversation_id, "add milk")
    draft = ItemDraft(
        type="tool_call",
        status="succeeded",
        generation_id=sent["generation_id"],
        data={
            "name": "add_task",
            "arguments": {"title": "milk"},
            "result": {"id": 7},
            "undo_until": format_timestamp(NOW + timedelta(seconds=30)),
        },
    )
    return await append_item(runtime, conversation_id, draft)


def choose_url(conversation_id: str, item_id: str) -> str:
    return url(conversation_id, f"/items/{item_id}/choose")


def undo_url(conversation_id: str, item_id: str) -> str:
    return url(conversation_id, f"/items/{item_id}/undo")


async def test_the_addressee_chooses_once(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    user = await make_user()
    conversation = await create_conversation(client, user)
    choice = await add_choice(runtime, conversation["id"], user)
    response = await client.post(
        choose_url(conversation["id"], choice), json={"option": "confirm"}, headers=user.headers
    )
    assert response.status_code == 200, response.text
    item = response.json()["item"]
    assert (item["id"], item["status"], item["chosen"], item["seq"]) == (
        choice,
        "chosen",
        "confirm",
        2,
    )
    assert (await get_items(client, user, conversation["id"], after_seq=1))["items"] == [item]
    again = await client.post(
        choose_url(conversation["id"], choice), json={"option": "cancel"}, headers=user.headers
    )
    assert_error(again, 409, "conflict")


async def test_a_choice_for_someone_else_is_forbidden(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    owner, member = await make_user(), await make_user()
    conversation = await create_conversation(client, owner)
    await share(client, owner, conversation["id"], member)
    choice = await add_choice(runtime, conversation["id"], owner)
    response = await client.post(
        choose_url(conversation["id"], choice), json={"option": "confirm"}, headers=member.headers
    )
    assert_error(response, 403, "forbidden")


async def test_an_unknown_option_or_item_is_refused(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    user = await make_user()
    conversation = await create_conversation(client, user)
    choice = await add_choice(runtime, conversation["id"], user)
    response = await client.post(
        choose_url(conversation["id"], choice), json={"option": "maybe"}, headers=user.headers
    )
    assert error_fields(response) == {"option"}
    message = (await send(client, user, conversation["id"]))["item"]["id"]
    for item_id in (message, "not-a-uuid"):
        response = await client.post(
            choose_url(conversation["id"], item_id),
            json={"option": "confirm"},
            headers=user.headers,
        )
        assert_error(response, 404, "not_found")


async def test_undo_within_the_window_calls_the_handler_once(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime, app: FastAPI
) -> None:
    handler = RecordingUndo()
    setattr(app.state, UNDO_HANDLERS_STATE, {"add_task": handler})
    user = await make_user()
    conversation = await create_conversation(client, user)
    clock = freeze(runtime)
    call = await add_tool_call(client, runtime, user, conversation["id"])
    clock.advance(seconds=29)
    async with runtime.events.subscribe(user.id) as events:
        response = await client.post(undo_url(conversation["id"], call), headers=user.headers)
        assert events.get_nowait().kind == "task"
    assert response.status_code == 200, response.text
    item = response.json()["item"]
    assert (item["undone_at"], item["seq"]) == (clock.now_text(), 3)
    assert [(r.name, r.arguments, r.result, r.user_id) for r in handler.requests] == [
        ("add_task", {"title": "milk"}, {"id": 7}, user.id)
    ]
    clock.advance(minutes=5)
    again = await client.post(undo_url(conversation["id"], call), headers=user.headers)
    assert (again.status_code, again.json()) == (200, {"item": item})
    assert len(handler.requests) == 1


async def test_undo_after_the_window_conflicts(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime, app: FastAPI
) -> None:
    setattr(app.state, UNDO_HANDLERS_STATE, {"add_task": RecordingUndo()})
    user = await make_user()
    conversation = await create_conversation(client, user)
    clock = freeze(runtime)
    call = await add_tool_call(client, runtime, user, conversation["id"])
    clock.advance(seconds=31)
    response = await client.post(undo_url(conversation["id"], call), headers=user.headers)
    assert_error(response, 409, "conflict")


async def test_undo_without_a_handler_or_refused_by_it_conflicts(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime, app: FastAPI
) -> None:
    user = await make_user()
    conversation = await create_conversation(client, user)
    freeze(runtime)
    call = await add_tool_call(client, runtime, user, conversation["id"])
    response = await client.post(undo_url(conversation["id"], call), headers=user.headers)
    assert_error(response, 409, "conflict")
    setattr(app.state, UNDO_HANDLERS_STATE, {"add_task": RecordingUndo(refuse=True)})
    response = await client.post(undo_url(conversation["id"], call), headers=user.headers)
    assert_error(response, 409, "conflict")
    item = (await get_items(client, user, conversation["id"]))["items"][-1]
    assert item["undone_at"] is None


async def test_only_the_requester_may_undo(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime, app: FastAPI
) -> None:
    handler = RecordingUndo()
    setattr(app.state, UNDO_HANDLERS_STATE, {"add_task": handler})
    owner, member = await make_user(), await make_user()
    conversation = await create_conversation(client, owner)
    await share(client, owner, conversation["id"], member)
    freeze(runtime)
    call = await add_tool_call(client, runtime, member, conversation["id"])
    response = await client.post(undo_url(conversation["id"], call), headers=owner.headers)
    assert_error(response, 403, "forbidden")
    assert handler.requests == []
    response = await client.post(undo_url(conversation["id"], call), headers=member.headers)
    assert response.status_code == 200, response.text
