"""Who may do what: finalized conversations refuse every write, and nobody outside a
conversation can read or change anything in it (404, never a hint that it exists)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from taskmate.api.runtime import Runtime
from taskmate.chat.hooks import UNDO_HANDLERS_STATE
from tests.chat.helpers import (
    Json,
    create_conversation,
    get_conversation,
    get_items,
    post_message,
    share,
    url,
)
from tests.chat.test_actions import RecordingUndo, add_choice, add_tool_call
from tests.conftest import Account, MakeUser
from tests.helpers import assert_error
from tests.tasks.helpers import freeze


@dataclass(frozen=True, kw_only=True)
class Scene:
    owner: Account
    member: Account
    stranger: Account
    conversation_id: str
    choice_id: str
    call_id: str
    message_body: Json

    def fill(self, template: str) -> str:
        return template.format(
            member=self.member.id,
            owner=self.owner.id,
            choice=self.choice_id,
            call=self.call_id,
            stranger_email=self.stranger.email,
        )


async def build_scene(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime, app: FastAPI
) -> Scene:
    """A shared conversation with a message, a pending choice and an undoable tool call,
    all the owner's; and a stranger who takes no part in it."""
    setattr(app.state, UNDO_HANDLERS_STATE, {"add_task": RecordingUndo()})
    owner, member, stranger = await make_user(), await make_user(), await make_user()
    conversation_id = (await create_conversation(client, owner, title="Private"))["id"]
    await share(client, owner, conversation_id, member)
    freeze(runtime)
    message_body = {"client_id": str(uuid.uuid4()), "content": "first"}
    sent = await client.post(
        url(conversation_id, "/messages"), json=message_body, headers=owner.headers
    )
    assert sent.status_code == 201
    return Scene(
        owner=owner,
        member=member,
        stranger=stranger,
        conversation_id=conversation_id,
        choice_id=await add_choice(runtime, conversation_id, owner),
        call_id=await add_tool_call(client, runtime, owner, conversation_id),
        message_body=message_body,
    )


async def request(
    client: httpx.AsyncClient,
    scene: Scene,
    user: Account,
    method: str,
    tail: str,
    body: dict[str, Any] | None,
) -> httpx.Response:
    json = (
        {key: scene.fill(value) if isinstance(value, str) else value for key, value in body.items()}
        if body is not None
        else None
    )
    return await client.request(
        method, url(scene.conversation_id, scene.fill(tail)), json=json, headers=user.headers
    )


WRITES = [
    ("PATCH", "", {"title": "Renamed"}),
    ("PATCH", "", {"assistant": "off"}),
    ("POST", "/participants", {"email": "{stranger_email}"}),
    ("DELETE", "/participants/{member}", None),
    ("POST", "/messages", {"client_id": "1a6a2a0e-0000-4000-8000-000000000001", "content": "x"}),
    ("POST", "/stop", None),
    ("POST", "/regenerate", None),
    ("POST", "/items/{choice}/choose", {"option": "confirm"}),
    ("POST", "/items/{call}/undo", None),
]
READS = [
    ("GET", "", None),
    ("GET", "/items", None),
    ("GET", "/items?after_seq=0", None),
]
OTHERS = [
    ("POST", "/finalize", None),
    ("POST", "/read", {"seq": 1}),
    ("DELETE", "", None),
]


@pytest.mark.parametrize(("method", "tail", "body"), WRITES)
async def test_a_finalized_conversation_refuses_every_write(
    client: httpx.AsyncClient,
    make_user: MakeUser,
    runtime: Runtime,
    app: FastAPI,
    method: str,
    tail: str,
    body: dict[str, Any] | None,
) -> None:
    scene = await build_scene(client, make_user, runtime, app)
    await client.post(url(scene.conversation_id, "/finalize"), headers=scene.owner.headers)
    before = await get_items(client, scene.owner, scene.conversation_id)
    response = await request(client, scene, scene.owner, method, tail, body)
    assert_error(response, 409, "conversation_finalized")
    assert await get_items(client, scene.owner, scene.conversation_id) == before


async def test_a_finalized_conversation_still_reads_retries_receipts_and_deletes(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime, app: FastAPI
) -> None:
    scene = await build_scene(client, make_user, runtime, app)
    conversation_id = scene.conversation_id
    await client.post(url(conversation_id, "/finalize"), headers=scene.owner.headers)
    for method, tail, body in READS:
        response = await request(client, scene, scene.member, method, tail, body)
        assert response.status_code == 200, (tail, response.text)
    retry = await client.post(
        url(conversation_id, "/messages"), json=scene.message_body, headers=scene.owner.headers
    )
    assert retry.status_code == 200, retry.text
    read = await client.post(
        url(conversation_id, "/read"), json={"seq": 2}, headers=scene.member.headers
    )
    assert read.status_code == 204
    deleted = await client.delete(url(conversation_id), headers=scene.owner.headers)
    assert deleted.status_code == 204


async def test_nobody_outside_the_conversation_reaches_it(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime, app: FastAPI
) -> None:
    """Every endpoint, in one scene (each refusal leaves the state as it was)."""
    scene = await build_scene(client, make_user, runtime, app)
    before = await get_conversation(client, scene.owner, scene.conversation_id)
    items_before = await get_items(client, scene.owner, scene.conversation_id)
    for method, tail, body in WRITES + READS + OTHERS:
        response = await request(client, scene, scene.stranger, method, tail, body)
        assert response.status_code == 404, (method, tail, response.text)
        assert_error(response, 404, "not_found")
    assert await get_conversation(client, scene.owner, scene.conversation_id) == before
    assert await get_items(client, scene.owner, scene.conversation_id) == items_before
    listed = await client.get("/api/v1/conversations", headers=scene.stranger.headers)
    assert listed.json()["items"] == []


async def test_an_item_of_another_conversation_is_not_found(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime, app: FastAPI
) -> None:
    scene = await build_scene(client, make_user, runtime, app)
    own = (await create_conversation(client, scene.stranger))["id"]
    for tail, body in (
        (f"/items/{scene.choice_id}/choose", {"option": "confirm"}),
        (f"/items/{scene.call_id}/undo", None),
    ):
        response = await client.post(url(own, tail), json=body, headers=scene.stranger.headers)
        assert_error(response, 404, "not_found")


async def test_a_retry_cannot_read_someone_elses_message(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime, app: FastAPI
) -> None:
    """client_ids are per author: the member reusing the owner's creates their own."""
    scene = await build_scene(client, make_user, runtime, app)
    response = await post_message(
        client,
        scene.member,
        scene.conversation_id,
        "mine",
        client_id=scene.message_body["client_id"],
    )
    assert response.status_code == 201
    assert response.json()["item"]["author"]["user_id"] == scene.member.id
