"""The reminders scheduler hands what fires to the app's channels: a reminder due by the
(frozen) clock arrives once in the browser (Web Push) and through Apprise, with the
notification's id as its key."""

from __future__ import annotations

import httpx
import pytest
from fastapi import FastAPI

from taskmate.api.runtime import Runtime
from taskmate.reminders.wiring import ReminderPolicy
from tests.conftest import MakeUser
from tests.live_server import until
from tests.notify.receiver import Receiver
from tests.notify.subscriber import Subscriber
from tests.notify.test_delivery import add_url, subscribe
from tests.reminders.helpers import add_reminder, fire, notifications
from tests.tasks.helpers import create_task, freeze


@pytest.fixture
def reminder_policy() -> ReminderPolicy:
    return ReminderPolicy(run=False)  # the test fires by hand


async def test_a_fired_reminder_reaches_the_browser_and_the_phone(
    client: httpx.AsyncClient,
    make_user: MakeUser,
    runtime: Runtime,
    app: FastAPI,
    receiver: Receiver,
) -> None:
    user = await make_user()
    clock = freeze(runtime)
    browser = Subscriber(f"http://{receiver.base}/push")
    await subscribe(client, user, browser)
    await add_url(client, user, f"json://{receiver.base}/phone")
    task = await create_task(client, user, title="Stretch")
    await add_reminder(client, user, task["id"], at="2026-03-10T14:00:00+01:00")

    clock.advance(hours=1)
    assert await fire(app) == 1
    await until(lambda: len(receiver.received) == 2)

    [notification] = await notifications(client, user)
    by_path = {received.path: received for received in receiver.received}
    pushed = browser.decrypt(by_path["/push"])
    assert pushed["notification_id"] == notification["id"]
    assert (pushed["task_id"], pushed["title"]) == (task["id"], "Stretch")
    assert by_path["/phone"].json()["title"] == "Stretch"
