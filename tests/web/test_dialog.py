"""Dialogs answer from the keyboard: Enter does the action, Escape cancels."""

from __future__ import annotations

from playwright.async_api import expect

from tests.conftest import MakeUser
from tests.web.browsing import Browsing
from tests.web.chatting import open_chat


async def test_enter_renames_and_escape_cancels(browsing: Browsing, make_user: MakeUser) -> None:
    page = await open_chat(browsing, await make_user())
    title = page.locator(".conversation-title")
    field = page.get_by_role("textbox", name="New title")

    await page.get_by_role("button", name="Rename").click()
    await field.fill("Groceries")
    await field.press("Enter")
    await expect(title).to_have_text("Groceries")
    await expect(page.locator(".sidebar .current .row-title")).to_have_text("Groceries")

    await page.get_by_role("button", name="Rename").click()
    await field.fill("Something else")
    await field.press("Escape")
    await expect(field).to_be_hidden()
    await page.reload()
    await expect(title).to_have_text("Groceries")
