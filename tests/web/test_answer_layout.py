"""An answer reads below the steps and tool calls its generation made, as it streams and
after a reload rebuilds the conversation from its history."""

from __future__ import annotations

from playwright.async_api import Locator, expect

from tests.conftest import MakeUser
from tests.web.browsing import Browsing
from tests.web.chatting import open_chat, send


async def _top(locator: Locator) -> float:
    box = await locator.bounding_box()
    assert box is not None
    return box["y"]


async def test_an_answer_shows_below_its_tool_call_live_and_after_a_reload(
    browsing: Browsing, make_user: MakeUser
) -> None:
    page = await open_chat(browsing, await make_user(name="Ana"))
    await send(page, "add buy milk tomorrow at 5pm")
    card = page.locator(".tool-card")
    answer = page.locator(".bubble.role-assistant")
    question = page.locator(".bubble.role-user")
    for loaded in ("live", "reloaded"):
        await expect(answer).to_have_attribute("data-status", "completed")
        await expect(card).to_contain_text("1 created")
        assert await _top(question) < await _top(card) < await _top(answer), loaded
        await page.reload()
