"""Conversations of several turns with the offline assistant, judged by the tasks they leave."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import httpx

from taskmate.api.runtime import Runtime
from taskmate.tasks.dates import parse_due
from tests.assistant.chat import Chat, answer_text, asking, of_type, start
from tests.chat.helpers import get_conversation
from tests.conftest import MakeUser


async def titles(chat: Chat, status: str = "open") -> list[str]:
    return sorted(str(task["title"]) for task in await chat.tasks(status))


async def test_renaming_and_moving_the_task_just_added(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    chat = await start(client, make_user)
    await chat.say("add call the plumber")
    items = await chat.say("rename it to call the electrician")

    [call] = of_type(items, "tool_call")
    assert call["name"] == "update_tasks" and call["status"] == "succeeded"
    assert await titles(chat) == ["call the electrician"]
    [moved] = of_type(await chat.say("move it to the errands list"), "tool_call")
    [task] = await chat.tasks()
    assert task["project_id"] == moved["result"]["created_project_ids"][0]

    await chat.undo(moved)
    [task] = await chat.tasks()
    assert task["project_id"] is None
    [listed] = of_type(await chat.say("what lists do I have?"), "tool_call")
    assert listed["result"]["projects"] == []


async def test_rescheduling_to_friday(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    chat = await start(client, make_user, timezone="Europe/Paris")
    friday = parse_due("friday", now=runtime.clock().astimezone(ZoneInfo("Europe/Paris")))
    assert friday is not None
    await chat.say("add dentist appointment tomorrow")
    await chat.say("add water the plants")
    await chat.say("move it to friday")
    await chat.say("postpone the dentist to friday")

    due = {task["title"]: task["due"] for task in await chat.tasks()}
    assert due["water the plants"] == due["dentist appointment"]
    assert due["dentist appointment"]["date"] == friday.date.isoformat()


async def test_an_ambiguous_reference_is_answered_through_a_choice(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    chat = await start(client, make_user)
    await chat.say("add call bob, call alice and buy stamps")
    items = await chat.say("delete the call one", ends=asking)

    [which] = of_type(items, "choice")
    assert which["text"] == "Which one do you mean?"
    bob = next(option for option in which["options"] if "call bob" in option["label"])
    [confirm] = of_type(await chat.choose(which, bob["id"], ends=asking), "choice")[1:]
    assert bob["label"] == "call bob"
    assert confirm["text"] == "Delete “call bob”? You can undo this for 10 minutes."
    await chat.choose(confirm, "confirm")

    assert await titles(chat) == ["buy stamps", "call alice"]


async def test_undo_reverses_each_change_once(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    chat = await start(client, make_user)
    [added] = of_type(await chat.say("add pay rent and renew passport"), "tool_call")
    rent = added["result"]["tasks"][0]["id"]
    [updated] = of_type(await chat.say(f"rename #{rent} to pay the rent"), "tool_call")
    [completed] = of_type(await chat.say("mark it done"), "tool_call")
    [choice] = of_type(await chat.say("delete the passport one", ends=asking), "choice")
    [deleted] = of_type(await chat.choose(choice, "confirm"), "tool_call")
    assert await chat.tasks() == []

    await chat.undo(deleted)
    assert await titles(chat) == ["renew passport"]
    await chat.undo(completed)
    assert await titles(chat) == ["pay the rent", "renew passport"]
    first = await chat.undo(updated)
    assert await chat.undo(updated) == first
    assert await titles(chat) == ["pay rent", "renew passport"]
    await chat.undo(added)
    await chat.undo(added)
    assert await titles(chat) == [] and await titles(chat, "done") == []


async def test_a_pending_delete_expires_with_the_next_message(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    chat = await start(client, make_user)
    await chat.say("add renew passport")
    [choice] = of_type(await chat.say("delete it", ends=asking), "choice")
    items = await chat.say("add buy eggs")

    assert of_type(items, "tool_call")[0]["name"] == "add_tasks"
    expired = next(item for item in await chat.items() if item["id"] == choice["id"])
    assert expired["status"] == "expired"
    assert await titles(chat) == ["buy eggs", "renew passport"]


async def test_renaming_recolouring_and_archiving_a_list(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    chat = await start(client, make_user)
    await chat.say("add milk, eggs and bread to groceries")
    items = await chat.say("rename the groceries project to shopping")

    [call] = of_type(items, "tool_call")
    assert call["name"] == "update_project" and call["status"] == "succeeded"
    assert answer_text(items) == "Renamed the list “groceries” to “shopping”."
    [coloured] = of_type(await chat.say("make the shopping list green"), "tool_call")
    [archived] = of_type(await chat.say("archive the shopping list"), "tool_call")
    [project] = archived["result"]["projects"]
    assert (project["name"], project["color"], project["archived"]) == ("shopping", "#22c55e", True)

    for change in (archived, coloured, call):
        await chat.undo(change)
    [listed] = of_type(await chat.say("what lists do I have?"), "tool_call")
    assert [(p["name"], p["color"], p["archived"]) for p in listed["result"]["projects"]] == [
        ("groceries", None, False)
    ]
    missing = await chat.say("rename the garden list to yard")
    assert of_type(missing, "tool_call") == []
    assert answer_text(missing) == "You have no list called “garden”."


async def test_the_first_request_about_tasks_titles_the_conversation(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    chat = await start(client, make_user)
    await chat.say("hello")
    assert (await get_conversation(client, chat.user, chat.id))["title"] is None
    await chat.say("add water the plants, call bob and buy stamps")
    await chat.say("list my tasks")
    await chat.say("what's due today?")

    title = (await get_conversation(client, chat.user, chat.id))["title"]
    assert title == "Add: water the plants, call bob, buy…"


async def test_renaming_by_a_name_only_a_list_has_exactly(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    chat = await start(client, make_user)
    await chat.say("add milk to groceries")
    await chat.say("add buy groceries and call mom")
    items = await chat.say("rename groceries to shopping")

    [call] = of_type(items, "tool_call")
    assert call["name"] == "update_project"
    assert [project["name"] for project in call["result"]["projects"]] == ["shopping"]
    assert await titles(chat) == ["buy groceries", "call mom", "milk"]
    [call] = of_type(await chat.say("rename call mom to call dad"), "tool_call")
    assert call["name"] == "update_tasks"
    assert await titles(chat) == ["buy groceries", "call dad", "milk"]


async def test_typos_in_the_command_stay_out_of_the_title(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    chat = await start(client, make_user, timezone="Europe/Paris")
    monday = parse_due("next monday", now=runtime.clock().astimezone(ZoneInfo("Europe/Paris")))
    assert monday is not None
    await chat.say("ad tsk pay rent nxt monday")
    await chat.say("ad milk tmrw 5pm")

    due = {task["title"]: task["due"] for task in await chat.tasks()}
    assert sorted(due) == ["milk", "pay rent"]
    assert due["pay rent"]["date"] == monday.date.isoformat()
    assert due["milk"]["time"] == "17:00"


async def test_the_dentist_one_is_the_dentist_appointment(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    chat = await start(client, make_user)
    await chat.say("add Dentist appointment")
    await chat.say("add call bob")
    [confirm] = of_type(await chat.say("delte the dentist one", ends=asking), "choice")
    await chat.choose(confirm, "confirm")

    assert await titles(chat) == ["call bob"]


async def test_a_list_is_found_by_its_name_however_it_is_typed(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    chat = await start(client, make_user)
    await chat.say("add milk, eggs and bread to groceries")
    await chat.say("add call mom")

    for typed in ("show my groceries list", "what's on the Groceries list", "shwo my grocery list"):
        items = await chat.say(typed)
        [found] = of_type(items, "tool_call")
        assert sorted(task["title"] for task in found["result"]["tasks"]) == [
            "bread",
            "eggs",
            "milk",
        ], typed
        assert all(title in answer_text(items) for title in ("bread", "eggs", "milk"))

    [added] = of_type(await chat.say("add butter to my grocery list"), "tool_call")
    assert added["result"]["created_project_ids"] == []
    [found] = of_type(await chat.say("show my grocery list"), "tool_call")
    assert len(found["result"]["tasks"]) == 4
