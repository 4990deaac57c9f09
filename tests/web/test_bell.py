"""Reminders in the open app: a toast with Done and Snooze, a system notification (no push
subscription here), and the bell with its unread count; Done and Snooze from the bell; and
the issue's own check, a reminder asked for in the chat. The server's clock is frozen and
moved by the test, which then fires what is due; the page's clock shows the same time.

The clock starts at the real time (the browser's session cookie is checked against it) and
the user lives where it is about noon, so "Today" stays today while minutes pass."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from fastapi import FastAPI
from playwright.async_api import Locator, Page, expect

from taskmate.api.runtime import Runtime
from taskmate.events import DomainEvent
from taskmate.reminders.wiring import ReminderPolicy
from tests.conftest import Account, MakeUser
from tests.reminders.helpers import add_reminder, fire, notifications
from tests.tasks.helpers import Clock, Json, create_task, freeze, get_task
from tests.web.browsing import ARTIFACTS, PHONE, Browsing
from tests.web.chatting import send
from tests.web.reach import horizontal_overflow
from tests.web.test_fallbacks import refuse_socket

# Every `new Notification(...)` the page makes, into `window.notificationsShown`.
RECORD_NOTIFICATIONS = """(() => {
  window.notificationsShown = [];
  const Original = window.Notification;
  function Recording(title, options = {}) {
    window.notificationsShown.push({title, body: options.body, tag: options.tag});
    return new Original(title, options);
  }
  Object.defineProperty(Recording, "permission", {get: () => Original.permission});
  Recording.requestPermission = (...args) => Original.requestPermission(...args);
  window.Notification = Recording;
})();"""


@pytest.fixture
def reminder_policy() -> ReminderPolicy:
    return ReminderPolicy(run=False)


def noon_zone(now: datetime) -> str:
    """A time zone whose wall clock shows about noon at ``now`` (Etc/GMT+5 is UTC-5)."""
    hours = now.hour - 12
    return f"Etc/GMT{hours:+d}" if hours else "Etc/GMT"


def started_clock(runtime: Runtime) -> Clock:
    return freeze(runtime, datetime.now(UTC))


@pytest.fixture
async def at_noon(make_user: MakeUser, runtime: Runtime) -> tuple[str, Account, Clock]:
    """A user whose wall clock shows about noon, and the server's clock started now."""
    zone = noon_zone(datetime.now(UTC))
    return zone, await make_user(timezone=zone), started_clock(runtime)


def local(clock: Clock, zone: str, **later: float) -> datetime:
    return (clock.now + timedelta(**later)).astimezone(ZoneInfo(zone))


def clock_words(moment: datetime) -> str:
    """As the page writes a time of day: "12:05 PM"."""
    return f"{moment.hour % 12 or 12}:{moment:%M %p}"


async def open_page(browsing: Browsing, user: Account, clock: Clock, path: str = "/") -> Page:
    """A page connected to the user's channel, notifications allowed, its clock at the
    server's."""
    page = await browsing.signed_in(user)
    await page.context.grant_permissions(["notifications"])
    await page.add_init_script(script=RECORD_NOTIFICATIONS)
    await page.clock.set_fixed_time(clock.now)
    await page.goto(path)
    await expect(page.locator(".status[data-status=online]")).to_be_attached()
    return page


async def reminded(
    client: httpx.AsyncClient, user: Account, clock: Clock, zone: str, title: str
) -> Json:
    """A task due half an hour from now with a reminder two minutes from now."""
    due = local(clock, zone, minutes=30)
    task = await create_task(
        client, user, title=title, due={"date": due.date().isoformat(), "time": f"{due:%H:%M}"}
    )
    await add_reminder(client, user, task["id"], at=(clock.now + timedelta(minutes=2)).isoformat())
    return task


async def fire_at(app: FastAPI, clock: Clock, pages: list[Page], **later: float) -> None:
    clock.advance(**later)
    for page in pages:
        await page.clock.set_fixed_time(clock.now)
    assert await fire(app) >= 1


def bell(page: Page) -> Locator:
    return page.locator(".topbar").get_by_role("button", name="Reminders")


def entry(page: Page, title: str) -> Locator:
    return page.get_by_role("region", name="Reminders").locator(".bell-item", has_text=title)


async def shown(page: Page) -> list[dict[str, Any]]:
    notes: list[dict[str, Any]] = await page.evaluate("window.notificationsShown")
    return notes


async def test_a_firing_reminder_shows_a_toast_a_notification_and_a_count(
    browsing: Browsing,
    at_noon: tuple[str, Account, Clock],
    client: httpx.AsyncClient,
    runtime: Runtime,
    app: FastAPI,
) -> None:
    zone, user, clock = at_noon
    page = await open_page(browsing, user, clock)
    await reminded(client, user, clock, zone, "Stretch")
    await expect(bell(page)).to_have_accessible_name("Reminders")

    await fire_at(app, clock, [page], minutes=2)
    toast = page.locator(".toast", has_text="Reminder: Stretch")
    await expect(toast).to_be_visible()
    await expect(toast.get_by_role("button", name="Done")).to_be_visible()
    await expect(toast.get_by_role("button", name="Snooze 10 min")).to_be_visible()
    await expect(bell(page)).to_have_accessible_name("Reminders, 1 unread")
    await expect(page.locator(".bell-badge")).to_have_text("1")
    [notification] = await notifications(client, user)
    assert await shown(page) == [
        {
            "title": "Stretch",
            "body": f"Reminder: due today at {clock_words(local(clock, zone, minutes=28))}.",
            "tag": notification["id"],
        }
    ]

    # The same frame again (a resumed stream), then another reminder: frames arrive in order,
    # so once the second toast shows, the repeat has been handled, and showed nothing.
    repeat = {
        "reminder": notification["task"]["reminders"][0],
        "task": notification["task"],
        "late_seconds": 0,
        "notification_id": notification["id"],
        "fired_at": notification["fired_at"],
    }
    await runtime.events.publish(
        [DomainEvent(user_id=user.id, kind="reminder", action="fired", payload=repeat)]
    )
    await reminded(client, user, clock, zone, "Drink water")
    await fire_at(app, clock, [page], minutes=2)
    await expect(page.locator(".toast", has_text="Reminder: Drink water")).to_be_visible()
    await expect(page.locator(".toast", has_text="Reminder: Stretch")).to_have_count(1)
    assert [note["title"] for note in await shown(page)] == ["Stretch", "Drink water"]
    await expect(bell(page)).to_have_accessible_name("Reminders, 2 unread")

    await bell(page).click()
    drink_water_fired = clock_words(local(clock, zone))
    stretch_fired = clock_words(local(clock, zone, minutes=-2))
    await expect(entry(page, "Drink water")).to_contain_text(f"Today at {drink_water_fired}")
    await expect(entry(page, "Stretch")).to_contain_text(f"Today at {stretch_fired}")
    titles = page.get_by_role("region", name="Reminders").locator(".bell-title")
    await expect(titles).to_have_text(["Unread: Drink water", "Unread: Stretch"])
    await page.screenshot(path=ARTIFACTS / "bell-desktop.png")
    await page.get_by_role("button", name="Mark all read").click()
    await expect(bell(page)).to_have_accessible_name("Reminders")
    assert await notifications(client, user, unread=True) == []


async def test_done_in_the_bell_completes_the_task_and_clears_every_tab(
    browsing: Browsing,
    at_noon: tuple[str, Account, Clock],
    client: httpx.AsyncClient,
    app: FastAPI,
) -> None:
    zone, user, clock = at_noon
    page = await open_page(browsing, user, clock)
    other_tab = await page.context.new_page()
    await other_tab.goto("/settings")
    await expect(other_tab.locator(".status[data-status=online]")).to_be_attached()
    task = await reminded(client, user, clock, zone, "Stretch")
    await fire_at(app, clock, [page, other_tab], minutes=2)
    for tab in (page, other_tab):
        await expect(bell(tab)).to_have_accessible_name("Reminders, 1 unread")

    await bell(page).click()
    await entry(page, "Stretch").get_by_role("button", name="Done").click()
    for tab in (page, other_tab):
        await expect(bell(tab)).to_have_accessible_name("Reminders")
        await expect(tab.locator(".bell-badge")).to_be_hidden()
    assert (await get_task(client, user, task["id"]))["completed_at"] is not None
    assert await notifications(client, user, unread=True) == []
    await expect(entry(page, "Stretch").get_by_role("button", name="Done")).to_have_count(0)


async def test_snooze_in_the_bell_rings_again_in_ten_minutes(
    browsing: Browsing,
    at_noon: tuple[str, Account, Clock],
    client: httpx.AsyncClient,
    app: FastAPI,
) -> None:
    zone, user, clock = at_noon
    page = await open_page(browsing, user, clock)
    task = await reminded(client, user, clock, zone, "Stretch")
    await fire_at(app, clock, [page], minutes=2)
    await bell(page).click()
    await entry(page, "Stretch").get_by_role("button", name="Snooze 10 min").click()
    until = clock_words(local(clock, zone, minutes=10))
    await expect(page.get_by_text(f"Snoozed until today at {until}.")).to_be_visible()
    await expect(bell(page)).to_have_accessible_name("Reminders")
    await expect(entry(page, "Stretch")).to_contain_text(f"snoozed until today at {until}")
    [reminder] = (await get_task(client, user, task["id"]))["reminders"]
    assert reminder["next_fire_at"] == Clock(clock.now + timedelta(minutes=10)).now_text()


async def test_a_reminder_asked_for_in_the_chat_fires_in_the_page(
    browsing: Browsing,
    make_user: MakeUser,
    client: httpx.AsyncClient,
    runtime: Runtime,
    app: FastAPI,
) -> None:
    user = await make_user()
    clock = started_clock(runtime)
    page = await open_page(browsing, user, clock, "/chat")
    await send(page, "remind me to stretch in 2 minutes")
    await expect(page.locator(".bubble.role-assistant[data-status=completed]")).to_be_visible()
    await fire_at(app, clock, [page], minutes=2, seconds=1)
    [notification] = await notifications(client, user)
    title = notification["task"]["title"]
    assert title.lower() == "stretch"
    await expect(page.locator(".toast", has_text=f"Reminder: {title}")).to_be_visible()
    assert [(note["title"], note["tag"]) for note in await shown(page)] == [
        (title, notification["id"])
    ]


async def test_reminders_come_over_the_event_stream_when_websockets_fail(
    browsing: Browsing,
    at_noon: tuple[str, Account, Clock],
    client: httpx.AsyncClient,
    app: FastAPI,
) -> None:
    zone, user, clock = at_noon
    page = await browsing.signed_in(user)
    await page.route_web_socket("**/api/v1/ws", refuse_socket)
    async with page.expect_response("**/api/v1/events") as stream:  # subscribed once it answers
        await page.goto("/")
    assert (await stream.value).ok
    task = await reminded(client, user, clock, zone, "Stretch")
    await fire_at(app, clock, [page], minutes=2)
    await expect(page.locator(".toast", has_text="Reminder: Stretch")).to_be_visible()
    await expect(bell(page)).to_have_accessible_name("Reminders, 1 unread")
    done = await client.post(f"/api/v1/tasks/{task['id']}/complete", headers=user.headers)
    assert done.status_code == 200, done.text
    await expect(bell(page)).to_have_accessible_name("Reminders")


async def test_the_bell_list_fits_a_phone(
    browsing: Browsing,
    at_noon: tuple[str, Account, Clock],
    client: httpx.AsyncClient,
    app: FastAPI,
) -> None:
    zone, user, clock = at_noon
    page = await browsing.signed_in(user, viewport=PHONE)
    await page.clock.set_fixed_time(clock.now)
    await page.goto("/chat")
    await expect(page.locator(".status[data-status=online]")).to_be_attached()
    await reminded(client, user, clock, zone, "Call the insurance company about the broken window")
    await fire_at(app, clock, [page], minutes=2)
    await bell(page).click()
    panel = page.get_by_role("region", name="Reminders")
    snooze = entry(page, "insurance").get_by_role("button", name="Snooze 10 min")
    await expect(snooze).to_be_visible()
    box = await panel.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert await horizontal_overflow(page) <= 0
    assert await panel.evaluate("(element) => element.scrollWidth <= element.clientWidth")
    await page.screenshot(path=ARTIFACTS / "bell-phone.png")
