"""Creating, reading, changing, finalizing and deleting conversations."""

from __future__ import annotations

import httpx
import pytest

from taskmate.api.runtime import Runtime
from taskmate.chat.conversations import RESTORE_WINDOW
from taskmate.chat.models import Generation
from tests.chat.helpers import (
    CONVERSATIONS,
    create_conversation,
    drain,
    get_conversation,
    send,
    share,
    url,
)
from tests.conftest import MakeUser
from tests.helpers import assert_error, error_fields
from tests.tasks.helpers import freeze

STAMP = "2026-03-10T12:00:00.000000Z"


async def test_create_returns_the_conversation(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    user = await make_user(name="Ada")
    freeze(runtime)
    conversation = await create_conversation(client, user, title="  Groceries  ", kind="intake")
    assert conversation == {
        "id": conversation["id"],
        "title": "Groceries",
        "kind": "intake",
        "status": "active",
        "assistant": "always",
        "participants": [{"user_id": user.id, "name": "Ada", "role": "owner"}],
        "last_seq": 0,
        "created_at": STAMP,
        "updated_at": STAMP,
        "finalized_at": None,
    }
    assert await get_conversation(client, user, conversation["id"]) == conversation


async def test_create_with_defaults(client: httpx.AsyncClient, make_user: MakeUser) -> None:
    user = await make_user()
    conversation = await create_conversation(client, user)
    assert (conversation["title"], conversation["kind"], conversation["assistant"]) == (
        None,
        "assistant",
        "always",
    )


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"title": "x" * 201}, "title"),
        ({"title": "   "}, "title"),
        ({"title": "a\x00b"}, "title"),
        ({"kind": "k" * 51}, "kind"),
        ({"assistant": "sometimes"}, "assistant"),
        ({"colour": "red"}, "colour"),
    ],
)
async def test_create_refuses_invalid_fields(
    client: httpx.AsyncClient, make_user: MakeUser, body: dict[str, object], field: str
) -> None:
    user = await make_user()
    response = await client.post(CONVERSATIONS, json=body, headers=user.headers)
    assert field in error_fields(response)


async def test_a_title_of_200_characters_fits(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user()
    title = "é" * 200
    assert (await create_conversation(client, user, title=title))["title"] == title


async def test_requests_without_credentials_are_refused(client: httpx.AsyncClient) -> None:
    assert_error(await client.get(CONVERSATIONS), 401, "unauthorized")
    assert_error(await client.post(CONVERSATIONS, json={}), 401, "unauthorized")


async def test_owner_renames_and_changes_the_assistant_mode(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    user = await make_user()
    conversation = await create_conversation(client, user, title="Old")
    clock = freeze(runtime)
    response = await client.patch(
        url(conversation["id"]), json={"title": "New", "assistant": "mention"}, headers=user.headers
    )
    assert response.status_code == 200, response.text
    changed = response.json()
    assert (changed["title"], changed["assistant"]) == ("New", "mention")
    assert changed["updated_at"] == clock.now_text()
    assert await get_conversation(client, user, conversation["id"]) == changed


async def test_patch_refuses_null_and_keeps_absent_fields(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user()
    conversation = await create_conversation(client, user, title="Keep", assistant="off")
    response = await client.patch(
        url(conversation["id"]), json={"title": None}, headers=user.headers
    )
    assert error_fields(response) == {"title"}
    response = await client.patch(url(conversation["id"]), json={}, headers=user.headers)
    assert response.status_code == 200
    assert (response.json()["title"], response.json()["assistant"]) == ("Keep", "off")


async def test_finalize_is_idempotent_and_records_when(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    user = await make_user()
    conversation = await create_conversation(client, user)
    clock = freeze(runtime)
    first = await client.post(url(conversation["id"], "/finalize"), headers=user.headers)
    assert first.status_code == 200, first.text
    assert (first.json()["status"], first.json()["finalized_at"]) == ("finalized", clock.now_text())
    clock.advance(minutes=5)
    again = await client.post(url(conversation["id"], "/finalize"), headers=user.headers)
    assert again.status_code == 200
    assert again.json() == first.json()


async def test_finalize_asks_pending_generations_to_stop(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    user = await make_user()
    conversation = await create_conversation(client, user)
    sent = await send(client, user, conversation["id"])
    clock = freeze(runtime)
    await client.post(url(conversation["id"], "/finalize"), headers=user.headers)
    async with runtime.database.session() as session:
        generation = await session.get(Generation, sent["generation_id"])
    assert generation is not None
    assert (generation.status, generation.stop_requested_at) == ("stopped", clock.now)


async def test_delete_hides_the_conversation_from_everyone(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user()
    conversation = await create_conversation(client, user)
    response = await client.delete(url(conversation["id"]), headers=user.headers)
    assert response.status_code == 204
    assert_error(await client.get(url(conversation["id"]), headers=user.headers), 404, "not_found")
    assert (await client.get(CONVERSATIONS, headers=user.headers)).json()["items"] == []
    again = await client.delete(url(conversation["id"]), headers=user.headers)
    assert_error(again, 404, "not_found")


async def test_a_finalized_conversation_can_be_deleted(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user()
    conversation = await create_conversation(client, user)
    await client.post(url(conversation["id"], "/finalize"), headers=user.headers)
    assert (await client.delete(url(conversation["id"]), headers=user.headers)).status_code == 204


async def test_the_owner_brings_a_deleted_conversation_back_for_everyone(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    owner, member = await make_user(), await make_user()
    conversation = await create_conversation(client, owner, title="Trip", assistant="off")
    await share(client, owner, conversation["id"], member)
    await send(client, owner, conversation["id"], "pack the tent")
    await client.delete(url(conversation["id"]), headers=owner.headers)
    async with runtime.events.subscribe(member.id) as members:
        response = await client.post(url(conversation["id"], "/restore"), headers=owner.headers)
        assert response.status_code == 200, response.text
        heard = drain(members)
    assert [(event.kind, event.action) for event in heard] == [("conversation", "created")]
    assert (response.json()["title"], len(response.json()["participants"])) == ("Trip", 2)
    assert await get_conversation(client, member, conversation["id"]) == response.json()
    listed = (await client.get(CONVERSATIONS, headers=member.headers)).json()["items"]
    assert [(row["id"], row["last_message_preview"]) for row in listed] == [
        (conversation["id"], "pack the tent")
    ]


async def test_restoring_a_live_conversation_changes_nothing(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    owner = await make_user()
    conversation = await create_conversation(client, owner)
    response = await client.post(url(conversation["id"], "/restore"), headers=owner.headers)
    assert response.status_code == 200
    assert response.json() == conversation


async def test_only_the_owner_can_restore_and_others_find_nothing(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    owner, member, stranger = await make_user(), await make_user(), await make_user()
    conversation = await create_conversation(client, owner)
    await share(client, owner, conversation["id"], member)
    restore = url(conversation["id"], "/restore")
    assert_error(await client.post(restore, headers=member.headers), 404, "not_found")
    await client.delete(url(conversation["id"]), headers=owner.headers)
    for someone in (member, stranger):
        assert_error(await client.post(restore, headers=someone.headers), 404, "not_found")
    assert_error(await client.get(url(conversation["id"]), headers=owner.headers), 404, "not_found")


async def test_a_conversation_deleted_too_long_ago_stays_deleted(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    owner = await make_user()
    kept, lost = [await create_conversation(client, owner) for _ in range(2)]
    clock = freeze(runtime)
    for conversation in (kept, lost):
        await client.delete(url(conversation["id"]), headers=owner.headers)
    clock.advance(seconds=RESTORE_WINDOW.total_seconds() - 1)
    response = await client.post(url(kept["id"], "/restore"), headers=owner.headers)
    assert response.status_code == 200
    clock.advance(seconds=2)
    late = await client.post(url(lost["id"], "/restore"), headers=owner.headers)
    assert_error(late, 409, "conflict")
    assert_error(await client.get(url(lost["id"]), headers=owner.headers), 404, "not_found")


@pytest.mark.parametrize("raw", ["not-a-uuid", "123", "0" * 36, "ééé"])
async def test_malformed_or_unknown_ids_are_not_found(
    client: httpx.AsyncClient, make_user: MakeUser, raw: str
) -> None:
    user = await make_user()
    assert_error(await client.get(url(raw), headers=user.headers), 404, "not_found")


async def test_uppercase_ids_find_the_conversation(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user()
    conversation = await create_conversation(client, user)
    found = await get_conversation(client, user, conversation["id"].upper())
    assert found["id"] == conversation["id"]
