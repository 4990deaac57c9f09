"""``GET /me/export``: every task and project of the user, deleted and done ones too."""

from __future__ import annotations

import httpx

from taskmate.api.runtime import Runtime
from tests.conftest import MakeUser
from tests.tasks.helpers import API, create_project, create_task, freeze, get_task


async def test_export_holds_everything(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    user = await make_user(name="Ada", timezone="Europe/Berlin")
    await create_task(client, await make_user(), title="someone else's")
    clock = freeze(runtime)
    kept = await create_project(client, user, name="Kept")
    dropped = await create_project(client, user, name="Dropped")
    open_task = await create_task(client, user, title="open", project_id=kept["id"], labels=["x"])
    done = await create_task(client, user, title="done", due_text="tomorrow")
    trashed = await create_task(client, user, title="trashed")
    await client.post(f"{API}/tasks/{done['id']}/complete", headers=user.headers)
    await client.delete(f"{API}/tasks/{trashed['id']}", headers=user.headers)
    clock.advance(days=45)  # past the trash's 30 days: still exported
    await client.delete(f"{API}/projects/{dropped['id']}", headers=user.headers)

    response = await client.get(f"{API}/me/export", headers=user.headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-disposition"] == (
        'attachment; filename="taskmate-export-2026-04-24.json"'
    )
    export = response.json()
    assert set(export) == {
        "exported_at",
        "user",
        "tasks",
        "projects",
        "conversations",
        "notifications",
    }
    assert export["exported_at"] == clock.now_text()
    assert export["user"] == {
        "id": user.id,
        "email": user.email,
        "name": "Ada",
        "timezone": "Europe/Berlin",
        "default_reminder_minutes": None,
        "clock": "12h",
        "date_format": "mdy",
        "week_start": "monday",
        "theme": "system",
    }
    assert export["tasks"][0] == open_task
    assert export["tasks"][1] == await get_task(client, user, done["id"])
    assert export["tasks"][2]["id"] == trashed["id"]
    assert export["tasks"][2]["deleted_at"] == "2026-03-10T12:00:00.000000Z"
    assert export["projects"] == [
        {**kept, "deleted_at": None},
        {**dropped, "deleted_at": clock.now_text()},
    ]
    assert export["conversations"] == []  # none started yet
    assert export["notifications"] == []


async def test_export_holds_the_conversations_the_user_takes_part_in(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user, friend, stranger = await make_user(), await make_user(), await make_user()
    created = await client.post(
        f"{API}/conversations", json={"title": "Plans"}, headers=friend.headers
    )
    conversation = created.json()
    await client.post(
        f"{API}/conversations/{conversation['id']}/participants",
        json={"email": user.email},
        headers=friend.headers,
    )
    sent = await client.post(
        f"{API}/conversations/{conversation['id']}/messages",
        json={"client_id": "6f1c1f36-4a57-4a0e-9d6d-2f3c6a0f1e11", "content": "Hello **there**"},
        headers=user.headers,
    )
    await client.post(f"{API}/conversations", json={"title": "Private"}, headers=stranger.headers)

    export = (await client.get(f"{API}/me/export", headers=user.headers)).json()
    [exported] = export["conversations"]
    current = await client.get(f"{API}/conversations/{conversation['id']}", headers=user.headers)
    assert {key: value for key, value in exported.items() if key != "items"} == current.json()
    assert exported["items"] == [sent.json()["item"]]
