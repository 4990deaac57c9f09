"""Settings → Notifications in the browser: Apprise URLs listed in their redacted form,
"Send test" reaching a local server, the note of a turned-off URL; and the service worker
showing a pushed reminder once, with its actions."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from playwright.async_api import Page, expect

from taskmate.api.runtime import Runtime
from taskmate.notify.channel_store import ChannelStore
from tests.conftest import Account, MakeUser
from tests.live_server import until
from tests.notify.conftest import VAPID_PRIVATE_KEY
from tests.notify.receiver import Receiver, receiving
from tests.tasks.helpers import create_task, get_task
from tests.web.browsing import DEADLINE_MS, Browsing

# The worker shows notifications out of the page's sight: the browser tests' deadline, not
# the shorter one for server-side conditions (a loaded CI machine needed more than 5 s).
SECONDS = DEADLINE_MS / 1000


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with receiving() as server:
        yield server


@pytest.fixture
def settings_overrides(settings_overrides: dict[str, Any]) -> dict[str, Any]:
    return {**settings_overrides, "vapid_private_key": VAPID_PRIVATE_KEY}


async def test_urls_are_listed_tested_and_removed(
    browsing: Browsing, make_user: MakeUser, receiver: Receiver, runtime: Runtime
) -> None:
    user = await make_user()
    page = await browsing.signed_in(user)
    await page.goto("/settings")
    section = page.get_by_role("region", name="Notifications")
    await expect(section.get_by_text("No services yet.")).to_be_visible()
    await expect(section.get_by_role("button", name="Enable browser notifications")).to_be_visible()

    await section.get_by_label("Apprise URL").fill(f"json://{receiver.base}/secret-hook")
    await section.get_by_role("button", name="Add").click()
    row = section.locator(".channel", has_text="JSON")
    await expect(row).to_contain_text(f"json://{receiver.base}/s…k")
    await expect(row).not_to_contain_text("secret-hook")

    await row.get_by_role("button", name="Send test").click()
    await expect(page.get_by_text("Test sent. It should arrive in a moment.")).to_be_visible()
    [received] = receiver.received
    assert received.path == "/secret-hook"
    assert received.json()["title"] == "Taskmate test"

    channel_id = await row.get_attribute("data-id")
    assert channel_id
    await ChannelStore(runtime.database).disable(
        channel_id, reason="JSON did not accept the message.", at=runtime.clock()
    )
    await page.reload()
    await expect(row).to_contain_text("Turned off")
    await expect(row).to_contain_text("JSON did not accept the message.")

    await row.get_by_role("button", name="Remove").click()
    await page.get_by_role("dialog").get_by_role("button", name="Remove").click()
    await expect(section.get_by_text("No services yet.")).to_be_visible()


async def signed_in_with_worker(browsing: Browsing, user: Account) -> Page:
    page = await browsing.signed_in(user)
    await page.context.grant_permissions(["notifications"])
    await page.goto("/settings")
    await page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    return page


async def push(page: Page, browsing: Browsing, *payloads: dict[str, Any]) -> None:
    """Hands the payloads to the service worker as a push service would (through CDP)."""
    session = await page.context.new_cdp_session(page)
    registrations: list[dict[str, Any]] = []
    session.on(
        "ServiceWorker.workerRegistrationUpdated",
        lambda event: registrations.extend(event["registrations"]),
    )
    await session.send("ServiceWorker.enable")
    await until(lambda: bool(registrations), SECONDS)  # CDP announces them as events
    [registration] = registrations
    assert registration["scopeURL"] == f"{browsing.server.http}/"
    for payload in payloads:
        await session.send(
            "ServiceWorker.deliverPushMessage",
            {
                "origin": browsing.server.http,
                "registrationId": registration["registrationId"],
                "data": json.dumps(payload),
            },
        )


async def shown(page: Page) -> list[dict[str, Any]]:
    notes: list[dict[str, Any]] = await page.evaluate(
        """async () => (await (await navigator.serviceWorker.ready).getNotifications())
             .map((n) => ({title: n.title, body: n.body, tag: n.tag,
                           actions: n.actions.map((a) => a.title)}))"""
    )
    return notes


async def test_a_pushed_reminder_shows_once_with_its_actions(
    browsing: Browsing, make_user: MakeUser
) -> None:
    page = await signed_in_with_worker(browsing, await make_user())
    reminder = {"notification_id": "n-7", "task_id": 3, "title": "Stretch", "body": "Now."}
    later = {**reminder, "notification_id": "n-8", "title": "Drink water"}
    # A retried push (twice the same), then another: the worker handles pushes in order, so
    # once the last shows, the retry has been handled too.
    await push(page, browsing, reminder, reminder, later)

    async def later_shown() -> bool:
        return any(note["tag"] == "n-8" for note in await shown(page))

    await until(later_shown, SECONDS)
    actions = ["Done", "Snooze 10 min"]
    assert sorted(await shown(page), key=lambda note: str(note["tag"])) == [
        {"title": "Stretch", "body": "Now.", "tag": "n-7", "actions": actions},
        {"title": "Drink water", "body": "Now.", "tag": "n-8", "actions": actions},
    ]


async def test_done_completes_the_task_without_opening_the_app(
    browsing: Browsing, make_user: MakeUser
) -> None:
    user = await make_user()
    page = await signed_in_with_worker(browsing, user)
    async with httpx.AsyncClient(base_url=browsing.server.http) as api:
        task = await create_task(api, user, title="Stretch")
        await push(
            page,
            browsing,
            {"notification_id": "n-1", "task_id": task["id"], "title": "Stretch", "body": "Now."},
        )

        async def one_shown() -> bool:
            return len(await shown(page)) == 1

        await until(one_shown, SECONDS)
        [worker] = page.context.service_workers
        # The click a person makes on "Done", as the browser would dispatch it (a synthetic
        # event may not extend its lifetime, so waitUntil refuses it after the action began).
        await worker.evaluate(
            """async () => {
                 const [notification] = await self.registration.getNotifications();
                 const click = new NotificationEvent("notificationclick",
                   { notification, action: "done" });
                 try { self.dispatchEvent(click); } catch {}
               }"""
        )

        async def completed() -> bool:
            return (await get_task(api, user, task["id"]))["completed_at"] is not None

        await until(completed, SECONDS)
