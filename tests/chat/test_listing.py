"""The conversation list: order, pages, search, and each caller's reading state."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from taskmate.api.runtime import Runtime
from tests.chat.helpers import CONVERSATIONS, Json, create_conversation, send, share, url
from tests.conftest import Account, MakeUser
from tests.helpers import error_fields
from tests.tasks.helpers import freeze


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    return {"rate_messages_per_minute": 0}


async def listing(client: httpx.AsyncClient, user: Account, **params: Any) -> Json:
    response = await client.get(CONVERSATIONS, params=params, headers=user.headers)
    assert response.status_code == 200, response.text
    page: Json = response.json()
    return page


async def titles(client: httpx.AsyncClient, user: Account, **params: Any) -> list[str]:
    return [item["title"] for item in (await listing(client, user, **params))["items"]]


async def test_most_recently_updated_first_and_every_page_once(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    user = await make_user()
    clock = freeze(runtime)
    ids = []
    for index in range(5):
        clock.advance(seconds=1)
        ids.append((await create_conversation(client, user, title=f"c{index}"))["id"])
    clock.advance(seconds=1)
    await send(client, user, ids[1], "bumps c1 to the top")
    assert await titles(client, user) == ["c1", "c4", "c3", "c2", "c0"]
    seen: list[str] = []
    cursor = None
    while True:
        params = {"limit": 2} | ({"cursor": cursor} if cursor else {})
        page = await listing(client, user, **params)
        seen.extend(item["title"] for item in page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == ["c1", "c4", "c3", "c2", "c0"]


async def test_pages_hold_with_equal_timestamps(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    user = await make_user()
    freeze(runtime)
    created = {(await create_conversation(client, user))["id"] for _ in range(5)}
    first = await listing(client, user, limit=3)
    second = await listing(client, user, limit=3, cursor=first["next_cursor"])
    listed = [item["id"] for item in first["items"] + second["items"]]
    assert sorted(listed) == sorted(created)
    assert listed == sorted(created, reverse=True)
    assert second["next_cursor"] is None


async def test_each_entry_carries_counts_and_a_preview(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    owner, member = await make_user(), await make_user()
    conversation = await create_conversation(client, owner, assistant="off")
    empty = await create_conversation(client, owner)
    await share(client, owner, conversation["id"], member)
    await send(client, owner, conversation["id"], "mine")
    await send(client, member, conversation["id"], "theirs 1")
    await send(client, member, conversation["id"], "x" * 300)
    entries = {item["id"]: item for item in (await listing(client, owner))["items"]}
    entry = entries[conversation["id"]]
    assert (entry["message_count"], entry["unread_count"], entry["last_read_seq"]) == (3, 2, 0)
    assert entry["last_message_preview"] == "x" * 120
    assert [p["user_id"] for p in entry["participants"]] == [owner.id, member.id]
    blank = entries[empty["id"]]
    assert (blank["message_count"], blank["unread_count"], blank["last_message_preview"]) == (
        0,
        0,
        None,
    )
    theirs = (await listing(client, member))["items"][0]
    assert (theirs["message_count"], theirs["unread_count"]) == (3, 1)


async def test_reading_clears_unread_counts(client: httpx.AsyncClient, make_user: MakeUser) -> None:
    owner, member = await make_user(), await make_user()
    conversation = await create_conversation(client, owner, assistant="off")
    await share(client, owner, conversation["id"], member)
    for index in range(3):
        await send(client, owner, conversation["id"], f"m{index}")
    read = url(conversation["id"], "/read")
    assert (await client.post(read, json={"seq": 2}, headers=member.headers)).status_code == 204
    entry = (await listing(client, member))["items"][0]
    assert (entry["last_read_seq"], entry["unread_count"]) == (2, 1)
    # Receipts never move back, and stop at the end of the log.
    await client.post(read, json={"seq": 1}, headers=member.headers)
    await client.post(read, json={"seq": 99}, headers=member.headers)
    entry = (await listing(client, member))["items"][0]
    assert (entry["last_read_seq"], entry["unread_count"]) == (3, 0)


async def test_search_matches_titles_and_message_text(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user, other = await make_user(), await make_user()
    await create_conversation(client, user, title="Weekly Groceries")
    talk = await create_conversation(client, user, title="Chat")
    await send(client, user, talk["id"], "remember the GROCERIES list")
    await create_conversation(client, user, title="Work")
    await create_conversation(client, other, title="Groceries of someone else")
    assert sorted(await titles(client, user, q="groceries")) == ["Chat", "Weekly Groceries"]
    assert await titles(client, user, q="nothing like this") == []
    assert len(await titles(client, user, q="  ")) == 3


async def test_search_treats_wildcards_literally(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user()
    await create_conversation(client, user, title="100% done")
    await create_conversation(client, user, title="1000 done")
    await create_conversation(client, user, title="snake_case")
    await create_conversation(client, user, title="snakeXcase")
    assert await titles(client, user, q="0%") == ["100% done"]
    assert await titles(client, user, q="e_c") == ["snake_case"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"limit": 201}, "limit"),
        ({"limit": 0}, "limit"),
        ({"cursor": "garbage"}, "cursor"),
        ({"cursor": "WzEsMl0"}, "cursor"),  # base64 of [1,2]
        ({"cursor": "WyIyMDI2LTAzLTEwVDEyOjAwOjAwIiwiYSJd"}, "cursor"),  # a naive timestamp
    ],
)
async def test_invalid_queries_are_refused(
    client: httpx.AsyncClient, make_user: MakeUser, params: dict[str, Any], field: str
) -> None:
    user = await make_user()
    response = await client.get(CONVERSATIONS, params=params, headers=user.headers)
    assert error_fields(response) == {field}
