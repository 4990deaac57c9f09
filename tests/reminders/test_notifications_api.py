"""What a fired reminder leaves: the notification list, read, snooze, and completing the
task from it."""

from __future__ import annotations

from datetime import timedelta

import httpx
from fastapi import FastAPI

from taskmate.api.runtime import Runtime
from tests.conftest import Account, MakeUser
from tests.reminders.helpers import add_reminder, fire, notifications
from tests.tasks.helpers import API, Clock, Json, assert_error, create_task, freeze, get_task


async def fired(
    client: httpx.AsyncClient, user: Account, clock: Clock, app: FastAPI, title: str = "Call mom"
) -> Json:
    """A task whose reminder has just fired; its notification."""
    task = await create_task(client, user, title=title)
    await add_reminder(client, user, task["id"], at=(clock.now + timedelta(hours=1)).isoformat())
    clock.advance(hours=1)
    assert await fire(app) == 1
    [notification] = await notifications(client, user, unread=True)
    return notification


async def test_reading_a_notification_takes_it_off_the_unread_list(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime, app: FastAPI
) -> None:
    user = await make_user()
    clock = freeze(runtime)
    notification = await fired(client, user, clock, app)
    clock.advance(minutes=3)
    path = f"{API}/notifications/{notification['id']}/read"
    read = await client.post(path, headers=user.headers)
    assert read.status_code == 200, read.text
    assert read.json()["read_at"] == clock.now_text()
    assert await notifications(client, user, unread=True) == []
    assert [each["id"] for each in await notifications(client, user)] == [notification["id"]]
    clock.advance(minutes=3)
    again = await client.post(path, headers=user.headers)
    assert again.json()["read_at"] == read.json()["read_at"]  # the first reading stays


async def test_a_snoozed_reminder_fires_again_after_its_minutes(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime, app: FastAPI
) -> None:
    user = await make_user()
    clock = freeze(runtime)
    notification = await fired(client, user, clock, app)
    snoozed = await client.post(
        f"{API}/notifications/{notification['id']}/snooze",
        json={"minutes": 10},
        headers=user.headers,
    )
    assert snoozed.status_code == 200, snoozed.text
    body = snoozed.json()
    assert body["read_at"] == clock.now_text()
    assert body["snoozed_until"] == body["task"]["reminders"][0]["next_fire_at"]
    assert await notifications(client, user, unread=True) == []

    clock.advance(minutes=9, seconds=59)
    assert await fire(app) == 0
    clock.advance(seconds=1)
    assert await fire(app) == 1
    [again] = await notifications(client, user, unread=True)
    assert again["id"] != notification["id"]  # a firing of its own
    assert again["fired_at"] == clock.now_text()
    assert again["task"]["reminders"][0]["next_fire_at"] is None  # a snooze fires once
    clock.advance(hours=1)
    assert await fire(app) == 0


async def test_completing_the_task_from_its_notification(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime, app: FastAPI
) -> None:
    user = await make_user()
    clock = freeze(runtime)
    notification = await fired(client, user, clock, app)
    task_id = notification["task"]["id"]
    done = await client.post(f"{API}/tasks/{task_id}/complete", headers=user.headers)
    assert done.status_code == 200
    assert (await get_task(client, user, task_id))["completed_at"] is not None
    refused = await client.post(
        f"{API}/notifications/{notification['id']}/snooze",
        json={"minutes": 10},
        headers=user.headers,
    )
    assert_error(refused, 409, "conflict")
    clock.advance(minutes=10)
    assert await fire(app) == 0


async def test_snoozing_needs_a_number_of_minutes(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime, app: FastAPI
) -> None:
    user = await make_user()
    clock = freeze(runtime)
    notification = await fired(client, user, clock, app)
    path = f"{API}/notifications/{notification['id']}/snooze"
    for body in ({}, {"minutes": 0}, {"minutes": 10_081}, {"minutes": "10"}, {"minutes": 1.5}):
        response = await client.post(path, json=body, headers=user.headers)
        assert_error(response, 422, "validation_error", field="minutes")
    assert [each["id"] for each in await notifications(client, user, unread=True)] == [
        notification["id"]
    ]


async def test_another_users_notifications_are_not_found(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime, app: FastAPI
) -> None:
    owner, stranger = await make_user(), await make_user()
    clock = freeze(runtime)
    notification = await fired(client, owner, clock, app)
    assert await notifications(client, stranger) == []
    base = f"{API}/notifications/{notification['id']}"
    assert_error(await client.post(f"{base}/read", headers=stranger.headers), 404, "not_found")
    snooze = await client.post(f"{base}/snooze", json={"minutes": 5}, headers=stranger.headers)
    assert_error(snooze, 404, "not_found")
    unknown = await client.post(f"{API}/notifications/not-an-id/read", headers=owner.headers)
    assert_error(unknown, 404, "not_found")
    assert (await notifications(client, owner, unread=True))[0]["read_at"] is None


async def test_the_export_holds_the_users_notifications_only(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime, app: FastAPI
) -> None:
    user, stranger = await make_user(), await make_user()
    clock = freeze(runtime)
    notification = await fired(client, user, clock, app)
    await fired(client, stranger, clock, app, title="Not yours")
    response = await client.get(f"{API}/me/export", headers=user.headers)
    assert response.status_code == 200, response.text
    assert response.json()["notifications"] == [notification]
