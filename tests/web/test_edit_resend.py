"""One's own last message can be edited and sent again, as a new message (the protocol has
no message edit); Escape puts it back untouched."""

from __future__ import annotations

from playwright.async_api import expect

from tests.conftest import MakeUser
from tests.web.browsing import Browsing
from tests.web.chatting import conversation_id, open_chat, send


async def test_edit_sends_the_changed_text_as_a_new_message(
    browsing: Browsing, make_user: MakeUser
) -> None:
    page = await open_chat(browsing, await make_user(name="Ana"))
    mine = page.locator(".log .bubble.mine")
    await send(page, "add buy eggs")
    await send(page, "add buy milk")
    await expect(mine).to_have_count(2)
    edit = page.get_by_role("button", name="Edit and send again")
    await expect(edit).to_have_count(1)
    await expect(mine.last.get_by_role("button", name="Edit and send again")).to_be_visible()

    await edit.click()
    editor = page.get_by_role("textbox", name="Edit message")
    await expect(editor).to_be_focused()
    await expect(editor).to_have_value("add buy milk")
    await editor.fill("add buy oat milk")
    await editor.press("Enter")

    await expect(editor).to_have_count(0)
    await expect(mine.locator(".body")).to_have_text(
        ["add buy eggs", "add buy milk", "add buy oat milk"]
    )
    await expect(mine.last.get_by_role("button", name="Edit and send again")).to_be_visible()
    await expect(page.locator(".bubble.role-assistant").last).to_contain_text("buy oat milk")
    response = await page.request.get(f"/api/v1/conversations/{conversation_id(page)}/items")
    sent = [
        item["content"]
        for item in (await response.json())["items"]
        if item["type"] == "message" and item["role"] == "user"
    ]
    assert sent == ["add buy eggs", "add buy milk", "add buy oat milk"]


async def test_escape_puts_the_message_back_and_sends_nothing(
    browsing: Browsing, make_user: MakeUser
) -> None:
    page = await open_chat(browsing, await make_user())
    await send(page, "add call mom")
    mine = page.locator(".log .bubble.mine")
    edit = mine.get_by_role("button", name="Edit and send again")
    await edit.click()
    editor = page.get_by_role("textbox", name="Edit message")
    await editor.fill("add call dad")
    await editor.press("Escape")

    await expect(editor).to_have_count(0)
    await expect(mine.locator(".body")).to_have_text(["add call mom"])
    await expect(edit).to_be_focused()
    await edit.click()
    await expect(editor).to_have_value("add call mom")  # the message's text, not the draft
    await page.get_by_role("button", name="Cancel").click()
    await expect(editor).to_have_count(0)
    await expect(page.locator(".bubble.pending")).to_have_count(0)
    await expect(mine).to_have_count(1)
