"""A fired reminder reaches the user's own channel: a ``reminder`` frame on the WebSocket
and on ``GET /events``."""

from __future__ import annotations

from datetime import timedelta

import httpx
from fastapi import FastAPI

from taskmate.api.runtime import Runtime
from tests.chat.transports.sockets import signed_in
from tests.chat.transports.streams import event_stream
from tests.conftest import MakeUser
from tests.live_server import LiveServer
from tests.reminders.helpers import add_reminder, fire, notifications
from tests.tasks.helpers import API, NOW, create_task, freeze


async def test_the_reminder_frame_arrives_over_the_websocket(
    client: httpx.AsyncClient,
    make_user: MakeUser,
    runtime: Runtime,
    app: FastAPI,
    server: LiveServer,
) -> None:
    user, other = await make_user(), await make_user()
    clock = freeze(runtime)
    task = await create_task(
        client,
        user,
        title="Call **mom**",
        description="About the trip",
        labels=["phone", "family"],
        priority=2,
        due={"date": "2026-03-10", "time": "18:00"},
    )
    reminder = await add_reminder(client, user, task["id"], before_minutes=30)
    await add_reminder(client, user, task["id"], before_minutes=5)
    async with signed_in(server, user) as socket, signed_in(server, other) as bystander:
        clock.advance(hours=5, minutes=30, seconds=2)
        assert await fire(app) == 1
        frame = await socket.next("reminder")
        assert await bystander.pending() == []
    [notification] = await notifications(client, user)
    stored = await client.get(f"{API}/tasks/{task['id']}", headers=user.headers)
    # The scheduler reads the task without the ORM: its body is the API's, to the letter.
    assert frame["task"] == stored.json() == notification["task"]
    assert frame == {
        "type": "reminder",
        "reminder": {**reminder, "next_fire_at": None},
        "task": notification["task"],
        "late_seconds": 2,
        "notification_id": notification["id"],
        "fired_at": notification["fired_at"],
    }


async def test_the_reminder_frame_arrives_over_the_event_stream(
    client: httpx.AsyncClient,
    make_user: MakeUser,
    runtime: Runtime,
    app: FastAPI,
    server: LiveServer,
) -> None:
    user = await make_user()
    clock = freeze(runtime)
    task = await create_task(client, user, title="Stretch")
    await add_reminder(client, user, task["id"], at=(NOW + timedelta(minutes=2)).isoformat())
    headers = {"Authorization": f"Bearer {user.access_token}"}
    async with event_stream(server, "/events", headers=headers) as events:
        clock.advance(minutes=2)
        assert await fire(app) == 1
        event = await events.next_event("reminder")
    assert event.data["type"] == "reminder"
    assert event.data["task"]["title"] == "Stretch"
    assert event.data["late_seconds"] == 0
