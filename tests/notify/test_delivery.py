"""Reminders delivered outside the app: Web Push decrypted by a local push endpoint with the
subscription's keys, Apprise through ``json://``; failing channels retried with backoff (on
a recorded clock), then turned off with a note; one channel never holds up another."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime

import httpx
import jwt
from fastapi import FastAPI

from taskmate.api.runtime import Runtime
from taskmate.notify.apprise_urls import AppriseSender
from taskmate.notify.channel_store import ChannelStore
from taskmate.notify.dispatcher import Dispatcher
from taskmate.notify.message import MAX_TITLE, reminder_message
from taskmate.notify.retry import RetryPolicy
from taskmate.notify.wiring import deliverers, notify_of
from taskmate.reminders.delivery import FiredReminder
from tests.conftest import Account, MakeUser
from tests.live_server import until
from tests.notify.conftest import RecordedWaits
from tests.notify.receiver import Receiver, receiving
from tests.notify.subscriber import Subscriber

URLS = "/api/v1/notify/urls"
PUSH = "/api/v1/push"


def fired(user: Account, notification_id: str = "n-1") -> FiredReminder:
    return FiredReminder(
        notification_id=notification_id,
        user_id=user.id,
        task_id=12,
        task_title="Call mom",
        when_words="due today at 6:00 PM",
        fired_at=datetime(2026, 12, 5, 18, 0, tzinfo=UTC),
        late_seconds=0.2,
    )


async def deliver(app: FastAPI, reminder: FiredReminder) -> None:
    for deliverer in deliverers(app.state):
        await deliverer.deliver(reminder)
    await notify_of(app.state).dispatcher.settled()


async def add_url(client: httpx.AsyncClient, user: Account, url: str) -> str:
    created = await client.post(URLS, json={"url": url}, headers=user.headers)
    assert created.status_code == 201, created.text
    channel_id: str = created.json()["id"]
    return channel_id


async def subscribe(client: httpx.AsyncClient, user: Account, browser: Subscriber) -> str:
    created = await client.post(
        f"{PUSH}/subscriptions", json=browser.subscription(), headers=user.headers
    )
    assert created.status_code == 201, created.text
    channel_id: str = created.json()["id"]
    return channel_id


async def test_a_push_arrives_encrypted_for_the_browser_and_signed_by_the_server(
    app: FastAPI, client: httpx.AsyncClient, make_user: MakeUser, receiver: Receiver
) -> None:
    user = await make_user()
    browser = Subscriber(f"http://{receiver.base}/push/one")
    await subscribe(client, user, browser)

    await deliver(app, fired(user))

    [received] = receiver.received
    assert received.path == "/push/one"
    assert browser.decrypt(received) == {
        "notification_id": "n-1",
        "task_id": 12,
        "title": "Call mom",
        "body": "Reminder: due today at 6:00 PM.",
    }
    assert received.headers["urgency"] == "high"
    assert 0 < len(received.headers["topic"]) <= 32
    token, key = received.headers["authorization"].removeprefix("vapid t=").split(",k=")
    public_key = (await client.get(f"{PUSH}/key", headers=user.headers)).json()["public_key"]
    assert key == public_key
    assert jwt.decode(token, options={"verify_signature": False})["aud"] == (
        f"http://{receiver.base}"
    )


async def test_a_retried_push_carries_the_same_key_so_it_shows_once(
    app: FastAPI,
    client: httpx.AsyncClient,
    make_user: MakeUser,
    receiver: Receiver,
    waits: RecordedWaits,
) -> None:
    user = await make_user()
    browser = Subscriber(f"http://{receiver.base}/push/one")
    await subscribe(client, user, browser)
    receiver.statuses.append(503)

    await deliver(app, fired(user))

    assert waits == [1.0]
    first, second = receiver.received
    assert first.headers["topic"] == second.headers["topic"]
    assert browser.decrypt(first)["notification_id"] == "n-1"
    assert browser.decrypt(second)["notification_id"] == "n-1"


async def test_apprise_gets_the_reminder(
    app: FastAPI, client: httpx.AsyncClient, make_user: MakeUser, receiver: Receiver
) -> None:
    user = await make_user()
    await add_url(client, user, f"json://{receiver.base}/hook")

    await deliver(app, fired(user))

    [received] = receiver.received
    body = received.json()
    assert (body["title"], body["message"]) == ("Call mom", "Reminder: due today at 6:00 PM.")


async def test_a_failing_url_is_retried_with_backoff_then_turned_off_with_a_note(
    app: FastAPI,
    client: httpx.AsyncClient,
    make_user: MakeUser,
    receiver: Receiver,
    waits: RecordedWaits,
) -> None:
    user = await make_user()
    await add_url(client, user, f"json://{receiver.base}/")
    receiver.statuses.extend([500] * 4)

    await deliver(app, fired(user))

    assert waits == [1.0, 2.0, 3.0]  # doubling, at most max_delay
    assert len(receiver.received) == 4
    [channel] = (await client.get(URLS, headers=user.headers)).json()["items"]
    assert channel["disabled_at"] is not None
    assert (
        channel["disabled_reason"] == "JSON did not accept the message. Turned off after 4 tries."
    )

    await deliver(app, fired(user, "n-2"))
    assert len(receiver.received) == 4  # a turned-off channel gets nothing


async def test_an_ended_subscription_is_turned_off_at_once(
    app: FastAPI,
    client: httpx.AsyncClient,
    make_user: MakeUser,
    receiver: Receiver,
    waits: RecordedWaits,
) -> None:
    user = await make_user()
    await subscribe(client, user, Subscriber(f"http://{receiver.base}/push/gone"))
    receiver.statuses.append(410)

    await deliver(app, fired(user))

    assert waits == []
    assert len(receiver.received) == 1
    [channel] = (await client.get(f"{PUSH}/subscriptions", headers=user.headers)).json()["items"]
    assert channel["disabled_reason"].startswith("The browser's subscription has ended")


async def test_reminders_reach_only_their_users_channels(
    app: FastAPI, client: httpx.AsyncClient, make_user: MakeUser, receiver: Receiver
) -> None:
    owner, other = await make_user(), await make_user()
    await add_url(client, other, f"json://{receiver.base}/other")

    await deliver(app, fired(owner))

    assert receiver.received == []


class Gate:
    """A retry wait that lasts until the test opens it."""

    def __init__(self) -> None:
        self.waiting = asyncio.Event()
        self.opened = asyncio.Event()

    async def sleep(self, delay: float) -> None:
        self.waiting.set()
        await self.opened.wait()


async def test_a_failing_channel_never_holds_up_another(
    runtime: Runtime, client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user()
    gate = Gate()
    dispatcher = Dispatcher(
        store=ChannelStore(runtime.database),
        senders={"apprise": AppriseSender(timeout=5)},
        retry=RetryPolicy(attempts=2, sleep=gate.sleep),
        clock=runtime.clock,
    )
    with receiving() as failing, receiving() as working:
        failing.statuses.append(500)
        await add_url(client, user, f"json://{failing.base}/")
        await add_url(client, user, f"json://{working.base}/")

        await dispatcher.deliver(fired(user))
        await gate.waiting.wait()  # the failing channel waits to try again for as long as
        await until(lambda: len(working.received) == 1)  # the test likes; the other is served
        gate.opened.set()
        await dispatcher.settled()
        assert len(failing.received) == 2


def test_a_long_title_is_shortened_to_fit_a_push() -> None:
    reminder = FiredReminder(
        notification_id="n",
        user_id="u",
        task_id=1,
        task_title="word " * 1000,
        when_words="due tomorrow",
        fired_at=datetime(2026, 1, 1, tzinfo=UTC),
        late_seconds=0,
    )
    message = reminder_message(reminder)
    assert len(message.title) == MAX_TITLE and message.title.endswith("word…")
    assert len(json.dumps(message.push_payload())) < 1000
