"""Phones (360 by 740) to desktops (1440 by 900): screenshots as artifacts, no horizontal
overflow, every control reachable. ``TASKMATE_TEST_SCREENSHOTS=1`` also writes the README's."""

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
from tests.web.reach import horizontal_overflow, unreachable_controls

QUICK_ADDS = ("pay rent yesterday #home p1", "call the dentist today", "book flights #travel")


async def screenshot(page: Page, name: str, size: str, *, readme: bool = True) -> None:
    await page.screenshot(path=ARTIFACTS / f"{name}-{size}.png")
    if readme and readme_screenshots_wanted():
        await page.screenshot(path=README_SCREENSHOTS / f"{name}-{size}.png")


async def assert_usable(page: Page) -> None:
    assert await horizontal_overflow(page) <= 0
    assert await unreachable_controls(page) == []


@pytest.mark.parametrize(("size", "viewport"), [("phone", PHONE), ("desktop", DESKTOP)])
async def test_pages_fit_and_every_control_is_reachable(
    browsing: Browsing, make_user: MakeUser, size: str, viewport: ViewportSize
) -> None:
    page = await browsing.signed_in(await make_user(name="Ana"), viewport=viewport)
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
    await screenshot(page, "chat", size)
    await assert_usable(page)
    if viewport is PHONE:
        await page.get_by_role("button", name="Conversations").click()
        await expect(page.get_by_role("navigation", name="Conversations")).to_have_css(
            "transform", "none"
        )
        await screenshot(page, "chat-drawer", size, readme=False)
        await assert_usable(page)

    await page.goto("/")
    await expect(page.locator(".task-group")).to_have_count(4)
    await screenshot(page, "dashboard", size)
    await assert_usable(page)
