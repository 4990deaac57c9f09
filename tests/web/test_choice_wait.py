"""While an answer waits on the person's choice, the choice is the thing to act on: no typing
line, no empty answer bubble, no Stop."""

from __future__ import annotations

from playwright.async_api import expect

from tests.conftest import MakeUser
from tests.web.browsing import Browsing
from tests.web.chatting import open_chat, send


async def test_a_pending_choice_shows_no_typing_empty_bubble_or_stop(
    browsing: Browsing, make_user: MakeUser
) -> None:
    page = await open_chat(browsing, await make_user(name="Ana"))
    await send(page, "add buy milk")
    answers = page.locator(".bubble.role-assistant")
    await expect(answers).to_have_count(1)
    await expect(answers).to_have_attribute("data-status", "completed")

    await send(page, "delete buy milk")
    choice = page.locator(".choice")
    await expect(choice.get_by_role("button", name="Delete")).to_be_enabled()
    await expect(page.locator(".typing")).to_have_text("")
    await expect(answers).to_have_count(1)
    await expect(page.get_by_role("button", name="Stop")).to_be_hidden()
    await expect(page.locator(".thinking")).to_be_hidden()

    await choice.get_by_role("button", name="Keep").click()
    await expect(answers).to_have_count(2)
    await expect(answers.last).to_have_attribute("data-status", "completed")
