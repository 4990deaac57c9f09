"""Sending messages: the stored item, idempotency by client_id, limits, and generations."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from taskmate.api.runtime import Runtime
from taskmate.chat.models import Generation, Item
from tests.chat.helpers import create_conversation, get_items, post_message, send, share, url
from tests.conftest import MakeUser
from tests.helpers import assert_error, error_fields
from tests.tasks.helpers import freeze

STAMP = "2026-03-10T12:00:00.000000Z"


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    """Unlimited here: the rate limit has its own tests."""
    return {"rate_messages_per_minute": 0}


async def count_rows(runtime: Runtime, model: type[Item | Generation], conversation_id: str) -> int:
    async with runtime.database.session() as session:
        total = await session.scalar(
            select(func.count()).select_from(model).where(model.conversation_id == conversation_id)
        )
    return total or 0


async def test_send_returns_the_stored_message(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    user = await make_user(name="Ada")
    conversation = await create_conversation(client, user)
    freeze(runtime)
    client_id = str(uuid.uuid4())
    response = await post_message(
        client, user, conversation["id"], "Buy **milk**", client_id=client_id
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert body == {
        "item": {
            "id": body["item"]["id"],
            "conversation_id": conversation["id"],
            "type": "message",
            "status": "completed",
            "seq": 1,
            "position": 1,
            "created_at": STAMP,
            "updated_at": STAMP,
            "role": "user",
            "author": {"user_id": user.id, "name": "Ada"},
            "content": "Buy **milk**",
            "html": "<p>Buy <strong>milk</strong></p>\n",
            "client_id": client_id,
        },
        "generation_id": body["generation_id"],
    }
    assert isinstance(body["generation_id"], str)
    page = await get_items(client, user, conversation["id"])
    assert page == {"items": [body["item"]], "last_seq": 1, "has_more": False}


async def test_the_same_client_id_returns_the_same_message(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    user = await make_user()
    conversation = await create_conversation(client, user)
    client_id = str(uuid.uuid4())
    first = await post_message(client, user, conversation["id"], "once", client_id=client_id)
    again = await post_message(client, user, conversation["id"], "once", client_id=client_id)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    assert await count_rows(runtime, Item, conversation["id"]) == 1
    assert await count_rows(runtime, Generation, conversation["id"]) == 1


async def test_a_client_id_reused_with_other_content_conflicts(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user()
    conversation = await create_conversation(client, user)
    client_id = str(uuid.uuid4())
    await post_message(client, user, conversation["id"], "first", client_id=client_id)
    response = await post_message(client, user, conversation["id"], "second", client_id=client_id)
    assert_error(response, 409, "conflict")


async def test_client_ids_are_per_author(client: httpx.AsyncClient, make_user: MakeUser) -> None:
    owner, member = await make_user(), await make_user()
    conversation = await create_conversation(client, owner)
    await client.post(
        url(conversation["id"], "/participants"),
        json={"email": member.email},
        headers=owner.headers,
    )
    client_id = str(uuid.uuid4())
    mine = await post_message(client, owner, conversation["id"], "a", client_id=client_id)
    theirs = await post_message(client, member, conversation["id"], "b", client_id=client_id)
    assert (mine.status_code, theirs.status_code) == (201, 201)


async def test_concurrent_retries_create_one_message_and_one_generation(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    user = await make_user()
    conversation = await create_conversation(client, user)
    client_id = str(uuid.uuid4())
    responses = await asyncio.gather(
        *(
            post_message(client, user, conversation["id"], "race", client_id=client_id)
            for _ in range(8)
        )
    )
    assert sorted(response.status_code for response in responses) == [200] * 7 + [201]
    assert len({response.json()["item"]["id"] for response in responses}) == 1
    assert len({response.json()["generation_id"] for response in responses}) == 1
    assert await count_rows(runtime, Item, conversation["id"]) == 1
    assert await count_rows(runtime, Generation, conversation["id"]) == 1


async def test_concurrent_senders_get_gap_free_increasing_seqs(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    owner = await make_user()
    others = [await make_user() for _ in range(3)]
    conversation = await create_conversation(client, owner, assistant="off")
    for member in others:
        await client.post(
            url(conversation["id"], "/participants"),
            json={"email": member.email},
            headers=owner.headers,
        )
    senders = [owner, *others]
    sent = await asyncio.gather(
        *(send(client, senders[index % 4], conversation["id"], f"m{index}") for index in range(20))
    )
    seqs = sorted(body["item"]["seq"] for body in sent)
    assert seqs == list(range(1, 21))
    assert sorted(body["item"]["position"] for body in sent) == list(range(1, 21))
    page = await get_items(client, owner, conversation["id"], after_seq=0, limit=200)
    assert [item["seq"] for item in page["items"]] == list(range(1, 21))
    assert page["last_seq"] == 20


async def test_content_over_10000_characters_is_too_large(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user()
    conversation = await create_conversation(client, user)
    fits = await post_message(client, user, conversation["id"], "😀" * 10_000)
    assert fits.status_code == 201, fits.text
    assert len(fits.json()["item"]["content"]) == 10_000
    too_long = await post_message(client, user, conversation["id"], "x" * 10_001)
    assert_error(too_long, 413, "payload_too_large")


@pytest.mark.parametrize("content", ["", "   ", "\n\t ", "a\x00b"])
async def test_blank_or_unstorable_content_is_refused(
    client: httpx.AsyncClient, make_user: MakeUser, content: str
) -> None:
    user = await make_user()
    conversation = await create_conversation(client, user)
    response = await post_message(client, user, conversation["id"], content)
    assert error_fields(response) == {"content"}


async def test_content_is_kept_exactly_as_sent(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user()
    conversation = await create_conversation(client, user)
    sent = await send(client, user, conversation["id"], "  two spaces first\n")
    assert sent["item"]["content"] == "  two spaces first\n"


@pytest.mark.parametrize(
    "body",
    [
        {"client_id": "not-a-uuid", "content": "x"},
        {"content": "x"},
        {"client_id": str(uuid.uuid4())},
        {"client_id": str(uuid.uuid4()), "content": 5},
    ],
)
async def test_malformed_bodies_are_refused(
    client: httpx.AsyncClient, make_user: MakeUser, body: dict[str, Any]
) -> None:
    user = await make_user()
    conversation = await create_conversation(client, user)
    response = await client.post(
        url(conversation["id"], "/messages"), json=body, headers=user.headers
    )
    assert_error(response, 422, "validation_error")


@pytest.mark.parametrize(
    ("mode", "content", "answers"),
    [
        ("always", "hello", True),
        ("off", "hello @assistant", False),
        ("mention", "hello", False),
        ("mention", "hey @Assistant, add milk", True),
        ("mention", "@ASSISTANT", True),
        ("mention", "mail me at me@assistant.example", False),
        ("mention", "@assistants are here", False),
    ],
)
async def test_whether_the_assistant_answers(
    client: httpx.AsyncClient, make_user: MakeUser, mode: str, content: str, answers: bool
) -> None:
    user = await make_user()
    conversation = await create_conversation(client, user, assistant=mode)
    sent = await send(client, user, conversation["id"], content)
    assert (sent["generation_id"] is not None) == answers


async def test_stop_reports_whether_a_generation_was_pending(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user()
    conversation = await create_conversation(client, user)
    stop = url(conversation["id"], "/stop")
    assert (await client.post(stop, headers=user.headers)).json() == {"stopped": False}
    await send(client, user, conversation["id"])
    response = await client.post(stop, headers=user.headers)
    assert (response.status_code, response.json()) == (200, {"stopped": True})
    assert (await client.post(stop, headers=user.headers)).json() == {"stopped": False}


async def test_a_stop_before_the_answer_starts_leaves_a_stopped_answer(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    """No runner picks the generation up here: it is still queued when the stop comes."""
    user = await make_user()
    conversation = await create_conversation(client, user)
    sent = await send(client, user, conversation["id"], "add milk")
    await client.post(url(conversation["id"], "/stop"), headers=user.headers)

    question, answer = (await get_items(client, user, conversation["id"], after_seq=0))["items"]
    assert question["id"] == sent["item"]["id"]
    assert (answer["role"], answer["status"], answer["content"]) == ("assistant", "stopped", "")
    async with runtime.database.session() as session:
        generation = await session.get(Generation, sent["generation_id"])
    assert generation is not None
    assert (generation.status, generation.message_item_id) == ("stopped", answer["id"])


async def test_regenerate_answers_the_last_user_message_again(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    user = await make_user()
    conversation = await create_conversation(client, user)
    regenerate = url(conversation["id"], "/regenerate")
    assert_error(await client.post(regenerate, headers=user.headers), 409, "conflict")
    await send(client, user, conversation["id"], "first")
    last = await send(client, user, conversation["id"], "second")
    response = await client.post(regenerate, headers=user.headers)
    assert response.status_code == 202, response.text
    generation_id = response.json()["generation_id"]
    assert generation_id not in {last["generation_id"], None}
    async with runtime.database.session() as session:
        generation = await session.get(Generation, generation_id)
    assert generation is not None
    assert (generation.status, generation.reply_to_item_id, generation.requested_by) == (
        "queued",
        last["item"]["id"],
        user.id,
    )


async def test_only_the_author_of_the_last_message_may_regenerate_it(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    owner, member = await make_user(), await make_user()
    conversation = await create_conversation(client, owner)
    await share(client, owner, conversation["id"], member)
    await send(client, member, conversation["id"], "add buy milk")
    regenerate = url(conversation["id"], "/regenerate")
    before = await count_rows(runtime, Generation, conversation["id"])
    assert_error(await client.post(regenerate, headers=owner.headers), 403, "forbidden")
    left = await client.delete(
        url(conversation["id"], f"/participants/{member.id}"), headers=member.headers
    )
    assert left.status_code == 204
    assert_error(await client.post(regenerate, headers=member.headers), 404, "not_found")
    assert await count_rows(runtime, Generation, conversation["id"]) == before


async def test_regenerate_is_refused_while_the_assistant_is_off(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user()
    conversation = await create_conversation(client, user, assistant="off")
    await send(client, user, conversation["id"])
    response = await client.post(url(conversation["id"], "/regenerate"), headers=user.headers)
    assert_error(response, 409, "conflict")
