"""A question mark outside a text field shows the page's keyboard shortcuts (the chat's, the
dashboard's); Escape closes them."""

from __future__ import annotations

from playwright.async_api import expect

from tests.conftest import MakeUser
from tests.web.browsing import Browsing
from tests.web.chatting import open_chat


async def test_question_mark_lists_the_shortcuts_and_escape_closes_them(
    browsing: Browsing, make_user: MakeUser
) -> None:
    page = await open_chat(browsing, await make_user())
    sheet = page.get_by_role("dialog", name="Keyboard shortcuts")
    box = page.get_by_role("textbox", name="Message")

    await box.press("?")
    await expect(box).to_have_value("?")  # typed, not a shortcut
    await expect(sheet).to_have_count(0)
    await box.fill("")

    await page.get_by_role("log", name="Messages").focus()
    await page.keyboard.press("?")
    await expect(sheet).to_be_visible()
    await expect(sheet.locator("dt")).to_have_text(
        ["Alt + N", "Enter", "Shift + Enter", "Escape", "?"]
    )
    await expect(sheet.locator("dd").first).to_have_text("New conversation")
    await page.keyboard.press("Escape")
    await expect(sheet).to_have_count(0)

    await page.keyboard.press("?")
    await sheet.get_by_role("button", name="Close").click()
    await expect(sheet).to_have_count(0)


async def test_the_dashboard_lists_its_own_shortcuts(
    browsing: Browsing, make_user: MakeUser
) -> None:
    page = await browsing.signed_in(await make_user())
    await page.goto("/")
    await expect(page.locator("body")).to_have_attribute("data-ready", "true")
    await page.keyboard.press("?")
    sheet = page.get_by_role("dialog", name="Keyboard shortcuts")
    await expect(sheet.locator("dt")).to_have_text(["Enter", "Alt + ↑", "Alt + ↓", "Escape", "?"])
    await page.keyboard.press("Escape")
    await expect(sheet).to_have_count(0)
