"""Phones (360 by 740) to desktops (1440 by 900), light and dark: screenshots as artifacts, no
horizontal overflow, every control reachable, on the chat, the dashboard, its Upcoming view and
a task's detail; on a phone the chat's controls are big enough to tap, its headers one row
each, and the drawer closes from its backdrop. Between phone and desktop widths the task's
detail leaves the top bar and the chat button uncovered. ``TASKMATE_TEST_SCREENSHOTS=1`` also
writes the README's."""

from __future__ import annotations

import pytest
from playwright.async_api import Page, ViewportSize, expect

from tests.conftest import MakeUser
from tests.web.browsing import (
    ARTIFACTS,
    DESKTOP,
    PHONE,
    README_SCREENSHOTS,
    Browsing,
    readme_screenshots_wanted,
)
from tests.web.chatting import send
from tests.web.reach import horizontal_overflow, small_tap_targets, unreachable_controls

ONE_ROW_PX = 60
QUICK_ADDS = ("pay rent yesterday #home p1", "call the dentist today", "book flights #travel")


async def screenshot(page: Page, name: str, size: str, *, readme: bool = True) -> None:
    await page.screenshot(path=ARTIFACTS / f"{name}-{size}.png")
    if readme and readme_screenshots_wanted():
        await page.screenshot(path=README_SCREENSHOTS / f"{name}-{size}.png")


async def assert_usable(page: Page) -> None:
    assert await horizontal_overflow(page) <= 0
    assert await unreachable_controls(page) == []


async def assert_fit_for_fingers(page: Page) -> None:
    """The chat on a phone: big enough targets, one-row headers, the owner's actions behind
    a menu, and a drawer that its backdrop closes."""
    small = await small_tap_targets(page)
    assert small == [], "\n".join(small)
    for header in (".topbar", ".conversation-header"):
        box = await page.locator(header).bounding_box()
        assert box and box["height"] <= ONE_ROW_PX, (header, box)
    menu = page.get_by_role("button", name="Conversation actions")
    await menu.click()
    await expect(page.get_by_role("button", name="Rename")).to_be_visible()
    assert await small_tap_targets(page) == []
    await menu.click()
    await expect(page.get_by_role("button", name="Rename")).to_be_hidden()

    drawer = page.get_by_role("navigation", name="Conversations")
    await page.get_by_role("button", name="Conversations").click()
    await expect(drawer).to_have_css("transform", "none")
    await screenshot(page, "chat-drawer", "phone", readme=False)
    await assert_usable(page)
    assert await small_tap_targets(page) == []
    await page.mouse.click(PHONE["width"] - 10, PHONE["height"] // 2)
    await expect(drawer).to_be_hidden()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("size", "viewport"), [("phone", PHONE), ("desktop", DESKTOP)])
async def test_pages_fit_and_every_control_is_reachable(
    browsing: Browsing, make_user: MakeUser, size: str, viewport: ViewportSize, scheme: str
) -> None:
    page = await browsing.signed_in(
        await make_user(name="Ana"), viewport=viewport, color_scheme=scheme
    )
    shown = size if scheme == "light" else f"{size}-dark"
    csrf = {c["name"]: c["value"] for c in await page.context.cookies()}["taskmate_csrf"]
    for text in QUICK_ADDS:
        added = await page.request.post(
            "/api/v1/tasks/quick", data={"text": text}, headers={"X-CSRF-Token": csrf}
        )
        assert added.ok, await added.text()

    await page.goto("/chat")
    await send(page, "add buy milk tomorrow at 5pm")
    await expect(page.locator(".bubble.role-assistant[data-status=completed]")).to_be_visible()
    await send(page, "what's due this week?")
    await expect(page.locator(".bubble.role-assistant[data-status=completed]")).to_have_count(2)
    await screenshot(page, "chat", shown)
    await assert_usable(page)
    if viewport is PHONE:
        await assert_fit_for_fingers(page)

    await page.goto("/")
    await expect(page.locator(".task-group")).to_have_count(4)
    await screenshot(page, "dashboard", shown)
    await assert_usable(page)

    await page.goto("/?view=upcoming")
    await expect(page.locator(".task", has_text="buy milk")).to_be_visible()
    await screenshot(page, "upcoming", shown)
    await assert_usable(page)

    await page.locator(".task", has_text="buy milk").click()
    detail = page.get_by_role("complementary", name="Task")
    await expect(detail.locator(".detail-title")).to_have_text("buy milk")
    await expect(detail.get_by_role("region", name="Activity")).to_contain_text("Created")
    await screenshot(page, "task-detail", shown)
    assert await horizontal_overflow(page) <= 0


# The controls (by selector) that are not the topmost element at their own centre.
COVERED = """(selector) => [...document.querySelectorAll(selector)]
  .filter((element) => element.checkVisibility({visibilityProperty: true}))
  .filter((element) => {
    const box = element.getBoundingClientRect();
    const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return !element.contains(top);
  })
  .map((element) => element.outerHTML.slice(0, 80))"""
TOP_BAR_CONTROLS = ".topbar :is(a[href], button)"


@pytest.mark.parametrize("width", [601, 800, 999])
async def test_the_task_detail_leaves_the_top_bar_and_the_chat_button_in_reach(
    browsing: Browsing, make_user: MakeUser, width: int
) -> None:
    account = await make_user(name="Ana")
    page = await browsing.signed_in(account, viewport={"width": width, "height": 800})
    added = await page.request.post(
        "/api/v1/tasks", data={"title": "water plants"}, headers=account.headers
    )
    assert added.ok, await added.text()
    await page.goto(f"/?task={(await added.json())['id']}")
    detail = page.get_by_role("complementary", name="Task")
    await expect(detail.locator(".detail-title")).to_have_text("water plants")
    await screenshot(page, "task-detail", str(width), readme=False)

    shown = page.locator(TOP_BAR_CONTROLS).filter(visible=True)
    assert await shown.count() >= 5  # Tasks, Chat, Settings, the bell, Sign out
    assert await page.evaluate(COVERED, TOP_BAR_CONTROLS) == []
    assert await page.evaluate(COVERED, ".widget-toggle") == []
    assert await page.evaluate(COVERED, ".detail-bar button") == []  # its own Close too
    assert await horizontal_overflow(page) <= 0

    await page.get_by_role("button", name="Reminders").click()  # its list opens over the panel
    await expect(page.locator(".bell-panel")).to_be_visible()
    assert await page.evaluate(COVERED, ".bell-panel .bell-head") == []
