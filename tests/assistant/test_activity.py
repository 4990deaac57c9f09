"""``GET /tasks/{id}/activity``: the assistant's changes to a task, in words, with Undo."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

import httpx

from taskmate.api.runtime import Runtime
from taskmate.events import DomainEvent
from tests.assistant.chat import Chat, Json, asking, of_type, start
from tests.auth.personal_tokens import bearer, create_token
from tests.conftest import Account, MakeUser
from tests.helpers import assert_error
from tests.tasks.helpers import create_task, freeze


async def activity(
    client: httpx.AsyncClient, user: Account, task_id: int | str, **params: int
) -> Json:
    response = await client.get(
        f"/api/v1/tasks/{task_id}/activity", params=params, headers=user.headers
    )
    assert response.status_code == 200, response.text
    body: Json = response.json()
    return body


async def said(chat: Chat, text: str) -> Json:
    """Says ``text``; returns the one tool call that answered it."""
    [call] = of_type(await chat.say(text), "tool_call")
    return call


async def test_the_changes_are_listed_newest_first_in_words(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    chat = await start(client, make_user)
    added = await said(chat, "add buy milk tomorrow at 5pm")
    renamed = await said(chat, "rename buy milk to buy oat milk")
    moved = await said(chat, "move it to tomorrow at 9am")
    completed = await said(chat, "complete buy oat milk")
    await said(chat, "add call mom")  # another task's change is not listed
    [task_id] = [task["id"] for task in added["result"]["tasks"]]

    body = await activity(client, chat.user, task_id)

    assert [(entry["item_id"], entry["action"], entry["text"]) for entry in body["items"]] == [
        (completed["id"], "completed", "Completed"),
        (moved["id"], "updated", "Rescheduled to tomorrow at 9 AM"),
        (renamed["id"], "updated", "Renamed from “buy milk” to “buy oat milk”"),
        (added["id"], "created", "Created, due tomorrow at 5 PM"),
    ]
    assert body["has_more"] is False
    [entry, *_] = body["items"]
    conversation = (
        await client.get(f"/api/v1/conversations/{chat.id}", headers=chat.user.headers)
    ).json()
    assert entry["conversation"] == {"id": chat.id, "title": conversation["title"]}
    assert (entry["tool"], entry["at"], entry["undo_until"]) == (
        "complete_tasks",
        completed["created_at"],
        completed["undo_until"],
    )
    assert all(entry["can_undo"] and entry["undone_at"] is None for entry in body["items"])


async def test_undo_ends_with_the_undo_or_the_window(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    chat = await start(client, make_user)
    added = await said(chat, "add renew passport")
    task_id = added["result"]["tasks"][0]["id"]
    [choice] = of_type(await chat.say("delete renew passport", ends=asking), "choice")
    [deleted] = of_type(await chat.choose(choice, "confirm"), "tool_call")
    undone = await chat.undo(deleted)

    entries = (await activity(client, chat.user, task_id))["items"]

    assert [(entry["text"], entry["undone_at"], entry["can_undo"]) for entry in entries] == [
        ("Deleted", undone["undone_at"], False),
        ("Created", None, True),
    ]
    freeze(runtime, datetime.fromisoformat(added["undo_until"]) + timedelta(seconds=1))
    [_, created] = (await activity(client, chat.user, task_id))["items"]
    assert (created["can_undo"], created["undo_until"]) == (False, added["undo_until"])


def activity_heard(events: asyncio.Queue[DomainEvent]) -> list[tuple[str, Json]]:
    heard: list[tuple[str, Json]] = []
    while not events.empty():
        event = events.get_nowait()
        if event.kind == "activity":
            heard.append((event.action, event.payload))
    return heard


async def test_the_requester_hears_of_each_change_and_its_undoing(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    chat = await start(client, make_user)
    async with runtime.events.subscribe(chat.user.id) as events:
        added = await said(chat, "add buy stamps and call mom")
        await chat.say("what's due today?")  # a search touches nothing
        await chat.undo(added)
        heard = activity_heard(events)

    subjects = sorted(f"task:{task['id']}" for task in added["result"]["tasks"])
    payload = {"conversation_id": chat.id, "item_id": added["id"], "subjects": subjects}
    assert heard == [("created", payload), ("updated", payload)]


async def test_a_task_the_assistant_never_touched_has_no_activity(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user()
    task = await create_task(client, user, title="water the plants")

    assert await activity(client, user, task["id"]) == {"items": [], "has_more": False}


async def test_the_newest_changes_come_first_up_to_the_limit(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    chat = await start(client, make_user)
    added = await said(chat, "add buy stamps")
    completed = await said(chat, "complete buy stamps")

    body = await activity(client, chat.user, added["result"]["tasks"][0]["id"], limit=1)

    assert [entry["item_id"] for entry in body["items"]] == [completed["id"]]
    assert body["has_more"] is True


async def test_another_users_task_and_a_malformed_id_are_not_found(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    chat = await start(client, make_user)
    added = await said(chat, "add buy stamps")
    stranger = await make_user()

    for task_id in (added["result"]["tasks"][0]["id"], "abc"):
        response = await client.get(f"/api/v1/tasks/{task_id}/activity", headers=stranger.headers)
        assert_error(response, 404, "not_found")


async def test_the_changes_made_in_a_deleted_conversation_are_not_listed(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    chat = await start(client, make_user)
    added = await said(chat, "add buy stamps")
    response = await client.delete(f"/api/v1/conversations/{chat.id}", headers=chat.user.headers)
    assert response.status_code == 204, response.text

    assert (await activity(client, chat.user, added["result"]["tasks"][0]["id"]))["items"] == []


async def test_a_token_reads_the_activity_only_with_the_tasks_and_the_chat_scopes(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user()
    task = await create_task(client, user, title="water the plants")
    path = f"/api/v1/tasks/{task['id']}/activity"
    for scopes, status in ((["tasks:read"], 403), (["chat"], 403), (["tasks:read", "chat"], 200)):
        token = await create_token(client, user, scopes)
        response = await client.get(path, headers=bearer(token["token"]))
        assert response.status_code == status, (scopes, response.text)
