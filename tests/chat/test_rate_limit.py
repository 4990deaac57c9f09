"""Messages and regenerated answers are limited per user per minute; retries of a sent
message are free."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from tests.chat.helpers import create_conversation, post_message, url
from tests.conftest import MakeUser
from tests.helpers import assert_error


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    return {"rate_messages_per_minute": 2}


async def test_messages_past_the_limit_are_refused_but_retries_pass(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user, other = await make_user(), await make_user()
    conversation = await create_conversation(client, user, assistant="off")
    client_id = str(uuid.uuid4())
    first = await post_message(client, user, conversation["id"], "one", client_id=client_id)
    assert first.status_code == 201
    assert (await post_message(client, user, conversation["id"], "two")).status_code == 201
    limited = await post_message(client, user, conversation["id"], "three")
    error = assert_error(limited, 429, "rate_limited")
    assert int(limited.headers["Retry-After"]) == error["details"]["retry_after"] > 0
    retry = await post_message(client, user, conversation["id"], "one", client_id=client_id)
    assert retry.status_code == 200
    # The limit is per user.
    theirs = await create_conversation(client, other)
    assert (await post_message(client, other, theirs["id"], "hi")).status_code == 201


async def test_regenerated_answers_count_against_the_message_limit(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user()
    conversation = await create_conversation(client, user)
    assert (await post_message(client, user, conversation["id"], "hello")).status_code == 201
    regenerate = url(conversation["id"], "/regenerate")
    assert (await client.post(regenerate, headers=user.headers)).status_code == 202
    assert_error(await client.post(regenerate, headers=user.headers), 429, "rate_limited")
