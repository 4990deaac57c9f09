"""Reading notifications is said on the user's channel, so every open page's bell clears:
completing a task reads its unread notifications; reading or snoozing one says so too."""

from __future__ import annotations

from datetime import timedelta

import httpx
from fastapi import FastAPI

from taskmate.api.runtime import Runtime
from tests.chat.transports.sockets import signed_in
from tests.chat.transports.streams import event_stream
from tests.conftest import Account, MakeUser
from tests.live_server import LiveServer
from tests.reminders.helpers import add_reminder, fire, notifications
from tests.tasks.helpers import API, Clock, Json, create_task, freeze


async def remind(client: httpx.AsyncClient, user: Account, clock: Clock, title: str) -> Json:
    """A task with a reminder one minute ahead."""
    task = await create_task(client, user, title=title)
    at = (clock.now + timedelta(minutes=1)).isoformat()
    await add_reminder(client, user, task["id"], at=at)
    return task


async def test_completing_a_task_reads_its_notifications_on_every_connection(
    client: httpx.AsyncClient,
    make_user: MakeUser,
    runtime: Runtime,
    app: FastAPI,
    server: LiveServer,
) -> None:
    user, other = await make_user(), await make_user()
    clock = freeze(runtime)
    stretch = await remind(client, user, clock, "Stretch")
    water = await remind(client, user, clock, "Drink water")
    clock.advance(minutes=1)
    assert await fire(app) == 2
    clock.advance(minutes=5)
    # A repeated firing of the same task: a snooze fires again with a notification of its own.
    [first_water] = [
        each for each in await notifications(client, user) if each["task"]["id"] == water["id"]
    ]
    snoozed = await client.post(
        f"{API}/notifications/{first_water['id']}/snooze", json={"minutes": 1}, headers=user.headers
    )
    assert snoozed.status_code == 200, snoozed.text
    clock.advance(minutes=1)
    assert await fire(app) == 1
    unread_water = [
        each["id"]
        for each in await notifications(client, user, unread=True)
        if each["task"]["id"] == water["id"]
    ]
    assert len(unread_water) == 1

    headers = {"Authorization": f"Bearer {user.access_token}"}
    async with (
        signed_in(server, user) as socket,
        signed_in(server, other) as bystander,
        event_stream(server, "/events", headers=headers) as events,
    ):
        clock.advance(minutes=2)
        done = await client.post(f"{API}/tasks/{water['id']}/complete", headers=user.headers)
        assert done.status_code == 200, done.text
        frame = await socket.next("notifications")
        streamed = await events.next_event("notifications")
        assert await bystander.pending() == []
    assert frame == {
        "type": "notifications",
        "event": "read",
        "ids": unread_water,
        "read_at": clock.now_text(),
    }
    assert streamed.data == frame
    [still_unread] = await notifications(client, user, unread=True)
    assert still_unread["task"]["id"] == stretch["id"]


async def test_reading_and_snoozing_say_so_to_the_users_other_pages(
    client: httpx.AsyncClient,
    make_user: MakeUser,
    runtime: Runtime,
    app: FastAPI,
    server: LiveServer,
) -> None:
    user = await make_user()
    clock = freeze(runtime)
    await remind(client, user, clock, "Stretch")
    await remind(client, user, clock, "Drink water")
    clock.advance(minutes=1)
    assert await fire(app) == 2
    read, snoozed = await notifications(client, user, unread=True)
    async with signed_in(server, user) as socket:
        path = f"{API}/notifications/{read['id']}/read"
        assert (await client.post(path, headers=user.headers)).status_code == 200
        assert await socket.next("notifications") == {
            "type": "notifications",
            "event": "read",
            "ids": [read["id"]],
            "read_at": clock.now_text(),
        }
        # Reading it again changes nothing, and says nothing.
        assert (await client.post(path, headers=user.headers)).status_code == 200
        assert await socket.pending() == []
        clock.advance(seconds=30)
        response = await client.post(
            f"{API}/notifications/{snoozed['id']}/snooze",
            json={"minutes": 10},
            headers=user.headers,
        )
        assert response.status_code == 200, response.text
        frame = await socket.next("notifications")
    assert frame["ids"] == [snoozed["id"]]
    assert frame["read_at"] == clock.now_text()


async def test_completing_an_occurrence_reads_what_fired_for_it(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime, app: FastAPI
) -> None:
    user = await make_user()
    clock = freeze(runtime)  # 12:00 UTC
    task = await create_task(
        client,
        user,
        title="Take pills",
        due={"date": "2026-03-10", "time": "12:05"},
        recurrence_text="every day",
    )
    await add_reminder(client, user, task["id"], before_minutes=0)
    clock.advance(minutes=5)
    assert await fire(app) == 1
    assert len(await notifications(client, user, unread=True)) == 1
    done = await client.post(f"{API}/tasks/{task['id']}/complete", headers=user.headers)
    assert done.json()["completed_at"] is None  # moved to tomorrow
    assert await notifications(client, user, unread=True) == []
