"""Steps every chat test takes."""

from __future__ import annotations

from playwright.async_api import Page, expect

from tests.conftest import Account
from tests.web.browsing import Browsing


async def open_chat(browsing: Browsing, account: Account, path: str = "/chat") -> Page:
    page = await browsing.signed_in(account)
    await page.goto(path)
    await expect(page.get_by_role("textbox", name="Message")).to_be_editable()
    return page


async def send(page: Page, text: str) -> None:
    box = page.get_by_role("textbox", name="Message")
    await box.fill(text)
    await box.press("Enter")


def conversation_id(page: Page) -> str:
    return page.url.rsplit("/", 1)[1]
