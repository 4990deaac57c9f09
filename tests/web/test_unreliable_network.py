"""Messages typed offline are delivered once, in order, when the network is back."""

from __future__ import annotations

from playwright.async_api import expect

from tests.conftest import MakeUser
from tests.web.browsing import Browsing
from tests.web.chatting import conversation_id, open_chat, send


async def test_messages_typed_offline_are_sent_once_in_order(
    browsing: Browsing, make_user: MakeUser
) -> None:
    page = await open_chat(browsing, await make_user(name="Ana"))
    await page.context.set_offline(True)
    await send(page, "add buy eggs")
    await send(page, "add buy bread")
    pending = page.locator(".bubble.pending")
    await expect(pending).to_have_count(2)
    await expect(pending.first).to_contain_text("Sending…")

    await page.context.set_offline(False)
    mine = page.locator(".log .bubble.mine .body")
    await expect(mine).to_have_text(["add buy eggs", "add buy bread"])
    await expect(pending).to_have_count(0)
    answers = page.locator(".bubble.role-assistant[data-status=completed]")
    await expect(answers).to_have_count(2)
    await expect(answers.nth(0)).to_contain_text("buy eggs")
    await expect(answers.nth(1)).to_contain_text("buy bread")
    response = await page.request.get(f"/api/v1/conversations/{conversation_id(page)}/items")
    sent = [
        item["content"]
        for item in (await response.json())["items"]
        if item["type"] == "message" and item["role"] == "user"
    ]
    assert sent == ["add buy eggs", "add buy bread"]
