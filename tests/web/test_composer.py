"""The message box: Shift+Enter adds a line, Enter sends, and the counter near the limit
counts code points as the server does."""

from __future__ import annotations

from playwright.async_api import expect

from tests.conftest import MakeUser
from tests.web.browsing import Browsing
from tests.web.chatting import open_chat


async def test_enter_sends_and_shift_enter_adds_a_line(
    browsing: Browsing, make_user: MakeUser
) -> None:
    page = await open_chat(browsing, await make_user(name="Ana"))
    box = page.get_by_role("textbox", name="Message")
    await box.type("first line")
    await box.press("Shift+Enter")
    await box.type("second line")
    await expect(box).to_have_value("first line\nsecond line")
    await box.press("Enter")
    await expect(page.locator(".log .bubble.mine .body")).to_have_text("first line\nsecond line")
    await expect(box).to_have_value("")


async def test_the_counter_counts_code_points_near_the_limit(
    browsing: Browsing, make_user: MakeUser
) -> None:
    page = await open_chat(browsing, await make_user(name="Ana"))
    box = page.get_by_role("textbox", name="Message")
    counter = page.locator(".composer .counter")
    await box.fill("a" * 100)
    await expect(counter).to_be_hidden()
    await box.fill("😀" * 9500)  # 19,000 UTF-16 units, 9,500 characters
    await expect(counter).to_have_text("9,500 / 10,000")
    await expect(page.get_by_role("button", name="Send")).to_be_enabled()
    await box.fill("😀" * 10001)
    await expect(counter).to_have_text("10,001 / 10,000")
    await expect(page.get_by_role("button", name="Send")).to_be_disabled()
