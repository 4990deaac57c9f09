"""The offline assistant, end to end: messages in, items and task changes out."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import httpx
import pytest

from taskmate.api.runtime import Runtime
from tests.assistant.chat import answer_text, asking, of_type, start
from tests.chat.helpers import get_conversation
from tests.conftest import MakeUser

ZONE = "America/New_York"


async def test_adding_a_task_in_the_users_zone(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    chat = await start(client, make_user, timezone=ZONE)
    items = await chat.say("add a task to buy milk tomorrow at 5pm")

    tomorrow = (runtime.clock().astimezone(ZoneInfo(ZONE)) + timedelta(days=1)).date()
    [task] = await chat.tasks()
    assert task["title"] == "buy milk"
    assert task["due"]["date"] == tomorrow.isoformat() and task["due"]["time"] == "17:00"
    [step] = of_type(items, "step")
    assert step["status"] == "done"
    [call] = of_type(items, "tool_call")
    assert call["name"] == "add_tasks" and call["status"] == "succeeded"
    assert call["result"]["tasks"][0]["id"] == task["id"]
    assert datetime.fromisoformat(call["undo_until"]) > runtime.clock()
    assert answer_text(items) == "Added “buy milk” for tomorrow at 5 PM."
    conversation = await get_conversation(client, chat.user, chat.id)
    assert conversation["title"] == "Add: buy milk"


async def test_deleting_from_the_list_asks_first(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    chat = await start(client, make_user)
    await chat.say("add dentist, call bob and water plants")
    await chat.say("list my tasks")
    items = await chat.say("delete the second one", ends=asking)

    [choice] = of_type(items, "choice")
    assert choice["text"] == "Delete “call bob”? You can undo this for 10 minutes."
    assert [option["id"] for option in choice["options"]] == ["confirm", "cancel"]
    assert len(await chat.tasks()) == 3

    answer = await chat.choose(choice, "confirm")
    assert [call["name"] for call in of_type(answer, "tool_call")] == ["delete_tasks"]
    assert answer_text(answer) == "Deleted “call bob”."
    assert sorted(task["title"] for task in await chat.tasks()) == ["dentist", "water plants"]


async def test_a_cancelled_delete_deletes_nothing(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    chat = await start(client, make_user)
    await chat.say("add pay rent")
    [choice] = of_type(await chat.say("delete it", ends=asking), "choice")

    answer = await chat.choose(choice, "cancel")
    assert of_type(answer, "tool_call") == []
    assert "deleted nothing" in answer_text(answer)
    assert len(await chat.tasks()) == 1


async def test_it_is_the_task_just_added(client: httpx.AsyncClient, make_user: MakeUser) -> None:
    chat = await start(client, make_user)
    await chat.say("add file taxes")
    items = await chat.say("mark it done")

    [call] = of_type(items, "tool_call")
    assert call["name"] == "complete_tasks" and call["status"] == "succeeded"
    assert await chat.tasks() == []
    assert [task["title"] for task in await chat.tasks("done")] == ["file taxes"]


async def test_undoing_an_add_removes_the_task(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    chat = await start(client, make_user)
    [call] = of_type(await chat.say("add buy flowers for mom"), "tool_call")

    assert (await chat.undo(call))["undone_at"] is not None
    assert await chat.tasks() == []


async def test_another_users_task_is_not_found(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    other = await start(client, make_user)
    [call] = of_type(await other.say("add secret plan"), "tool_call")
    task_id = call["result"]["tasks"][0]["id"]
    chat = await start(client, make_user)

    items = await chat.say(f"delete #{task_id}")
    assert of_type(items, "tool_call") == [] and of_type(items, "choice") == []
    assert f"couldn't find #{task_id}" in answer_text(items)
    assert [task["id"] for task in await other.tasks()] == [task_id]


async def test_help_and_small_talk_use_no_tools(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    chat = await start(client, make_user)
    for text, expected in (
        ("help", "You can say"),
        ("what's the weather in Paris?", "I can't help"),
    ):
        items = await chat.say(text)
        assert expected in answer_text(items)
        assert of_type(items, "tool_call") == [] and of_type(items, "step") == []


@pytest.mark.parametrize(("clock", "said"), [("12h", "5 PM"), ("24h", "17:00")])
async def test_the_reply_tells_the_time_on_the_users_clock(
    client: httpx.AsyncClient, make_user: MakeUser, clock: str, said: str
) -> None:
    chat = await start(client, make_user, timezone=ZONE)
    changed = await client.patch("/api/v1/me", json={"clock": clock}, headers=chat.user.headers)
    assert changed.status_code == 200
    items = await chat.say("buy milk tomorrow at 5pm")
    assert answer_text(items) == f"Added “buy milk” for tomorrow at {said}."
