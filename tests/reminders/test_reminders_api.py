"""Adding and removing reminders, and their firing, through the API with a frozen clock."""

from __future__ import annotations

import httpx
from fastapi import FastAPI

from taskmate.api.runtime import Runtime
from tests.conftest import MakeUser
from tests.reminders.helpers import add_reminder, fire, notifications
from tests.tasks.helpers import API, Json, assert_error, create_task, freeze, get_task


async def test_a_relative_reminder_fires_before_the_due_time(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime, app: FastAPI
) -> None:
    user = await make_user()
    clock = freeze(runtime)  # Tuesday 12:00 UTC
    task = await create_task(
        client, user, title="Call mom", due={"date": "2026-03-10", "time": "18:00"}
    )
    reminder = await add_reminder(client, user, task["id"], before_minutes=30)
    assert reminder == {
        "id": reminder["id"],
        "kind": "relative",
        "before_minutes": 30,
        "at": None,
        "next_fire_at": "2026-03-10T17:30:00.000000Z",
    }
    assert (await get_task(client, user, task["id"]))["reminders"] == [reminder]

    clock.advance(hours=5, minutes=29)
    assert await fire(app) == 0
    assert await notifications(client, user) == []

    clock.advance(minutes=1)
    assert await fire(app) == 1
    [notification] = await notifications(client, user, unread=True)
    assert notification["kind"] == "reminder"
    assert notification["task"]["id"] == task["id"]
    assert notification["task"]["reminders"][0]["next_fire_at"] is None
    assert notification["reminder_id"] == reminder["id"]
    assert notification["fired_at"] == "2026-03-10T17:30:00.000000Z"
    assert notification["read_at"] is None
    assert notification["late_seconds"] == 0
    assert notification["missed"] is False
    assert await fire(app) == 0  # exactly once


async def test_an_absolute_reminder_fires_at_its_instant(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime, app: FastAPI
) -> None:
    user = await make_user()
    clock = freeze(runtime)
    task = await create_task(client, user, title="Stretch")
    reminder = await add_reminder(client, user, task["id"], at="2026-03-10T14:00:00+01:00")
    assert reminder["kind"] == "absolute"
    assert reminder["at"] == reminder["next_fire_at"] == "2026-03-10T13:00:00.000000Z"

    clock.advance(minutes=59)
    assert await fire(app) == 0
    clock.advance(minutes=1)
    assert await fire(app) == 1
    [notification] = await notifications(client, user)
    assert notification["task"]["title"] == "Stretch"


async def test_a_relative_reminder_follows_its_task_when_the_due_moves(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime, app: FastAPI
) -> None:
    user = await make_user(timezone="Europe/Paris")
    clock = freeze(runtime)
    task = await create_task(
        client, user, title="Dentist", due={"date": "2026-03-11", "time": "09:00"}
    )
    await add_reminder(client, user, task["id"], before_minutes=60)
    response = await client.patch(
        f"{API}/tasks/{task['id']}",
        json={"due": {"date": "2026-03-12", "time": "10:00"}},
        headers=user.headers,
    )
    [moved] = response.json()["reminders"]
    assert moved["next_fire_at"] == "2026-03-12T08:00:00.000000Z"  # 09:00 in Paris (UTC+1)

    clock.advance(days=1)  # the old time passes without a firing
    assert await fire(app) == 0


async def test_deleting_a_reminder_stops_it(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime, app: FastAPI
) -> None:
    user = await make_user()
    clock = freeze(runtime)
    task = await create_task(client, user, title="Bins")
    reminder = await add_reminder(client, user, task["id"], at="2026-03-10T13:00:00Z")
    path = f"{API}/tasks/{task['id']}/reminders/{reminder['id']}"
    assert (await client.delete(path, headers=user.headers)).status_code == 204
    assert (await get_task(client, user, task["id"]))["reminders"] == []
    assert_error(await client.delete(path, headers=user.headers), 404, "not_found")

    clock.advance(hours=2)
    assert await fire(app) == 0
    assert await notifications(client, user) == []


async def test_a_completed_or_deleted_task_does_not_remind(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime, app: FastAPI
) -> None:
    user = await make_user()
    clock = freeze(runtime)
    done = await create_task(client, user, title="Done early")
    gone = await create_task(client, user, title="Deleted")
    for task in (done, gone):
        await add_reminder(client, user, task["id"], at="2026-03-10T13:00:00Z")
    completed = await client.post(f"{API}/tasks/{done['id']}/complete", headers=user.headers)
    assert completed.json()["reminders"][0]["next_fire_at"] is None
    assert (await client.delete(f"{API}/tasks/{gone['id']}", headers=user.headers)).is_success

    clock.advance(hours=2)
    assert await fire(app) == 0


async def test_bad_reminders_are_refused_in_the_protocols_format(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    user = await make_user()
    freeze(runtime)
    undated = await create_task(client, user, title="Someday")
    all_day = await create_task(client, user, title="Birthday", due={"date": "2026-03-12"})
    timed = await create_task(
        client, user, title="Call", due={"date": "2026-03-12", "time": "09:00"}
    )

    async def post(task: Json, body: object) -> httpx.Response:
        return await client.post(
            f"{API}/tasks/{task['id']}/reminders", json=body, headers=user.headers
        )

    for task in (undated, all_day):
        error = assert_error(
            await post(task, {"before_minutes": 10}),
            422,
            "validation_error",
            field="before_minutes",
        )
        assert "no due time" in error["message"]
    for body, field in (
        ({"before_minutes": 40_321}, "before_minutes"),
        ({"before_minutes": -1}, "before_minutes"),
        ({"before_minutes": "10"}, "before_minutes"),
        ({"before_minutes": 10, "at": "2026-03-12T08:00:00Z"}, "before_minutes"),
        ({}, "before_minutes"),
        ({"at": "2026-03-12T08:00:00"}, "at"),  # no offset: not an instant
        ({"at": "2026-03-10T11:59:00Z"}, "at"),  # in the past
        ({"at": "soon"}, "at"),
        ({"before_minutes": 10, "repeat": True}, "repeat"),
    ):
        assert_error(await post(timed, body), 422, "validation_error", field=field)
    assert (await get_task(client, user, timed["id"]))["reminders"] == []


async def test_another_users_task_and_reminder_are_not_found(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    owner, stranger = await make_user(), await make_user()
    freeze(runtime)
    task = await create_task(
        client, owner, title="Mine", due={"date": "2026-03-12", "time": "09:00"}
    )
    reminder = await add_reminder(client, owner, task["id"], before_minutes=5)
    base = f"{API}/tasks/{task['id']}/reminders"
    refused = await client.post(base, json={"before_minutes": 5}, headers=stranger.headers)
    assert_error(refused, 404, "not_found")
    deleted = await client.delete(f"{base}/{reminder['id']}", headers=stranger.headers)
    assert_error(deleted, 404, "not_found")
    for raw in ("0", "abc", "99999999999"):
        assert_error(await client.delete(f"{base}/{raw}", headers=owner.headers), 404, "not_found")
    assert (await get_task(client, owner, task["id"]))["reminders"] == [reminder]


async def test_the_default_reminder_comes_with_every_due_time(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime, app: FastAPI
) -> None:
    user = await make_user()
    freeze(runtime)
    me = await client.get(f"{API}/me", headers=user.headers)
    assert me.json()["default_reminder_minutes"] is None
    response = await client.patch(
        f"{API}/me", json={"default_reminder_minutes": 15}, headers=user.headers
    )
    assert response.json()["default_reminder_minutes"] == 15

    timed = await create_task(
        client, user, title="Meeting", due={"date": "2026-03-11", "time": "10:00"}
    )
    [default] = timed["reminders"]
    assert default["kind"] == "relative"
    assert default["before_minutes"] == 15
    assert default["next_fire_at"] == "2026-03-11T09:45:00.000000Z"
    undated = await create_task(client, user, title="Someday")
    assert undated["reminders"] == []
    given = await client.patch(
        f"{API}/tasks/{undated['id']}", json={"due_text": "tomorrow at 4pm"}, headers=user.headers
    )
    assert [each["before_minutes"] for each in given.json()["reminders"]] == [15]

    kept = await client.patch(f"{API}/me", json={"name": "Ann"}, headers=user.headers)
    assert kept.json()["default_reminder_minutes"] == 15
    cleared = await client.patch(
        f"{API}/me", json={"default_reminder_minutes": None}, headers=user.headers
    )
    assert cleared.json()["default_reminder_minutes"] is None
    later = await create_task(
        client, user, title="Later", due={"date": "2026-03-11", "time": "11:00"}
    )
    assert later["reminders"] == []
    refused = await client.patch(
        f"{API}/me", json={"default_reminder_minutes": 50_000}, headers=user.headers
    )
    assert_error(refused, 422, "validation_error", field="default_reminder_minutes")


async def test_relative_reminders_follow_a_new_time_zone(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    user = await make_user()
    freeze(runtime)
    task = await create_task(
        client, user, title="Call mom", due={"date": "2026-03-10", "time": "18:00"}
    )
    await add_reminder(client, user, task["id"], before_minutes=30)
    absolute = await add_reminder(client, user, task["id"], at="2026-03-10T15:00:00Z")
    async with runtime.events.subscribe(user.id) as events:
        moved = await client.patch(
            f"{API}/me", json={"timezone": "Europe/Paris"}, headers=user.headers
        )
        assert moved.status_code == 200, moved.text
        followed = events.get_nowait()
    now = await get_task(client, user, task["id"])
    relative, same = now["reminders"]
    assert relative["next_fire_at"] == "2026-03-10T16:30:00.000000Z"  # 17:30 in Paris
    assert same == absolute
    # Pages and every instance's scheduler hear of the earlier time.
    assert (followed.kind, followed.action, followed.payload) == ("task", "updated", now)
