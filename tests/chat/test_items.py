"""The item log: the change feed (after_seq) and history pages (before_position)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from taskmate.api.runtime import Runtime
from taskmate.chat.log import ItemDraft, ItemLog
from taskmate.chat.models import Item
from tests.chat.helpers import Json, append_item, create_conversation, get_items, send, url
from tests.conftest import Account, MakeUser
from tests.helpers import error_fields


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    return {"rate_messages_per_minute": 0}


async def conversation_with_messages(client: httpx.AsyncClient, user: Account, count: int) -> str:
    conversation = await create_conversation(client, user, assistant="off")
    for index in range(count):
        await send(client, user, conversation["id"], f"message {index}")
    conversation_id: str = conversation["id"]
    return conversation_id


async def touch(runtime: Runtime, item_id: str, **changes: Any) -> None:
    """Changes an item as the runner will (new status or content), through the log."""
    async with runtime.database.session(write=True) as session:
        item = await session.get(Item, item_id)
        assert item is not None
        for name, value in changes.items():
            setattr(item, name, value)
        await ItemLog(session, clock=runtime.clock).touch(item)
        await session.commit()


async def walk_changes(
    client: httpx.AsyncClient, user: Account, conversation_id: str, after: int, limit: int
) -> tuple[list[Json], int]:
    """Follows the change feed to its end; returns every item seen and the final last_seq."""
    seen: list[Json] = []
    while True:
        page = await get_items(client, user, conversation_id, after_seq=after, limit=limit)
        seen.extend(page["items"])
        after = page["last_seq"]
        if not page["has_more"]:
            return seen, after


async def test_the_change_feed_walks_every_item_once_in_seq_order(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user()
    conversation_id = await conversation_with_messages(client, user, 7)
    seen, last_seq = await walk_changes(client, user, conversation_id, after=0, limit=3)
    assert [item["seq"] for item in seen] == list(range(1, 8))
    assert [item["content"] for item in seen] == [f"message {index}" for index in range(7)]
    assert last_seq == 7
    empty = await get_items(client, user, conversation_id, after_seq=7)
    assert empty == {"items": [], "last_seq": 7, "has_more": False}


async def test_a_page_with_more_ends_at_its_last_seq(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user()
    conversation_id = await conversation_with_messages(client, user, 5)
    page = await get_items(client, user, conversation_id, after_seq=1, limit=2)
    assert [item["seq"] for item in page["items"]] == [2, 3]
    assert (page["has_more"], page["last_seq"]) == (True, 3)


async def test_a_changed_item_moves_to_its_new_seq(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    user = await make_user()
    conversation = await create_conversation(client, user, assistant="off")
    answer = await append_item(
        runtime,
        conversation["id"],
        ItemDraft(type="message", status="streaming", role="assistant", content="Draf"),
    )
    await send(client, user, conversation["id"], "meanwhile")
    streaming = (await get_items(client, user, conversation["id"], after_seq=0))["items"][0]
    assert (streaming["seq"], streaming["status"], streaming["html"]) == (1, "streaming", None)
    assert streaming["author"] is None
    await touch(runtime, answer, status="completed", content="Draft done")
    page = await get_items(client, user, conversation["id"], after_seq=0)
    assert [(item["seq"], item["position"]) for item in page["items"]] == [(2, 2), (3, 1)]
    final = page["items"][-1]
    assert (final["id"], final["content"], final["html"]) == (
        answer,
        "Draft done",
        "<p>Draft done</p>\n",
    )
    assert page["last_seq"] == 3
    # History keeps display order: the answer is still first.
    history = await get_items(client, user, conversation["id"])
    assert history["items"][0]["id"] == answer


async def test_history_walks_back_page_by_page_in_position_order(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user()
    conversation_id = await conversation_with_messages(client, user, 7)
    newest = await get_items(client, user, conversation_id, limit=3)
    assert [item["position"] for item in newest["items"]] == [5, 6, 7]
    assert (newest["has_more"], newest["last_seq"]) == (True, 7)
    pages = [newest["items"]]
    before = newest["items"][0]["position"]
    while True:
        page = await get_items(client, user, conversation_id, before_position=before, limit=3)
        assert page["last_seq"] == 7
        pages.insert(0, page["items"])
        if not page["has_more"]:
            break
        before = page["items"][0]["position"]
    positions = [item["position"] for page in pages for item in page]
    assert positions == list(range(1, 8))


async def test_an_empty_conversation_has_an_empty_log(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user()
    conversation = await create_conversation(client, user)
    assert await get_items(client, user, conversation["id"]) == {
        "items": [],
        "last_seq": 0,
        "has_more": False,
    }


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"limit": 201}, "limit"),
        ({"limit": 0}, "limit"),
        ({"after_seq": -1}, "after_seq"),
        ({"after_seq": 2**31}, "after_seq"),
        ({"before_position": "x"}, "before_position"),
        ({"after_seq": 1, "before_position": 3}, "before_position"),
    ],
)
async def test_invalid_queries_are_refused(
    client: httpx.AsyncClient, make_user: MakeUser, params: dict[str, Any], field: str
) -> None:
    user = await make_user()
    conversation = await create_conversation(client, user)
    response = await client.get(
        url(conversation["id"], "/items"), params=params, headers=user.headers
    )
    assert error_fields(response) == {field}


async def test_step_tool_call_and_choice_items_render_their_fields(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    user = await make_user()
    conversation = await create_conversation(client, user)
    options = [{"id": "confirm", "label": "Delete", "style": "danger"}]
    drafts = [
        ItemDraft(type="step", status="done", data={"label": "Reading your tasks"}),
        ItemDraft(
            type="tool_call",
            status="succeeded",
            data={
                "name": "add_task",
                "arguments": {"title": "milk"},
                "result": {"id": 3},
                "duration_ms": 12,
                "undo_until": "2026-03-10T12:00:30.000000Z",
            },
        ),
        ItemDraft(
            type="choice",
            status="pending",
            data={"text": "Sure?", "options": options, "for_user_id": user.id},
        ),
    ]
    for draft in drafts:
        await append_item(runtime, conversation["id"], draft)
    step, call, choice = (await get_items(client, user, conversation["id"]))["items"]
    assert (step["type"], step["label"], step["status"]) == ("step", "Reading your tasks", "done")
    assert {key: call[key] for key in ("name", "arguments", "result", "duration_ms")} == {
        "name": "add_task",
        "arguments": {"title": "milk"},
        "result": {"id": 3},
        "duration_ms": 12,
    }
    assert (call["undo_until"], call["undone_at"]) == ("2026-03-10T12:00:30.000000Z", None)
    assert choice["options"] == options
    assert (choice["text"], choice["chosen"], choice["for_user_id"]) == ("Sure?", None, user.id)
