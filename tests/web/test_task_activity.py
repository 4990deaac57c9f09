"""A task's activity in its detail panel: the assistant's changes in words, live, with a link
to the conversation and Undo, which the panel, the list and the chat all follow."""

from __future__ import annotations

from playwright.async_api import Locator, expect

from tests.conftest import MakeUser
from tests.web.browsing import PHONE, Browsing
from tests.web.chatting import conversation_id, open_chat, send
from tests.web.reach import TAP_TARGET_PX


async def assert_tappable(control: Locator) -> None:
    box = await control.bounding_box()
    assert box and box["height"] >= TAP_TARGET_PX and box["width"] >= TAP_TARGET_PX, box


async def test_the_assistants_changes_show_in_words_and_undo_reverts_them_everywhere(
    browsing: Browsing, make_user: MakeUser
) -> None:
    chat = await open_chat(browsing, await make_user(name="Ana"))
    await send(chat, "add buy milk tomorrow at 5pm")
    await expect(chat.locator('.tool-card[aria-label="Tool add_tasks"]')).to_be_visible()
    dashboard = await chat.context.new_page()
    await dashboard.goto("/")
    milk = dashboard.locator("li.task", has_text="buy milk")
    await milk.locator(".task-title").click()
    detail = dashboard.get_by_role("complementary", name="Task")
    activity = detail.get_by_role("region", name="Activity").get_by_role("listitem")
    await expect(activity).to_have_count(1)
    created = activity.first
    await expect(created).to_contain_text("Created, due tomorrow at 5 PM")
    await expect(created).to_contain_text("Today at ")
    link = created.get_by_role("link")
    await expect(link).to_have_attribute("href", f"/chat/{conversation_id(chat)}")

    await chat.bring_to_front()
    await send(chat, "move buy milk to tomorrow at 9am")
    moved = chat.locator('.tool-card[aria-label="Tool update_tasks"]')
    await expect(moved).to_be_visible()
    await dashboard.bring_to_front()
    await expect(activity).to_have_count(2)  # live: the task's change brings it
    await expect(activity.first).to_contain_text("Rescheduled to tomorrow at 9 AM")
    await expect(detail.locator(".detail-words").first).to_have_text("Tomorrow at 9 AM")

    await detail.get_by_role("button", name="Undo: Rescheduled to tomorrow at 9 AM").click()
    await expect(dashboard.locator(".toast")).to_contain_text(
        "Undone: Rescheduled to tomorrow at 9 AM."
    )
    await expect(detail.locator(".detail-words").first).to_have_text("Tomorrow at 5 PM")
    await expect(milk.locator(".task-meta")).to_contain_text("Tomorrow at 5 PM")
    await expect(activity.first).to_contain_text("Undone today at ")
    await expect(activity.first.get_by_role("button")).to_have_count(0)
    await expect(activity.first.get_by_role("link")).to_be_focused()
    await expect(activity.nth(1).get_by_role("button", name="Undo: Created")).to_be_visible()
    await expect(moved).to_contain_text("Undone")  # the chat follows too

    await dashboard.set_viewport_size(PHONE)
    await assert_tappable(activity.nth(1).get_by_role("button", name="Undo: Created"))
    box = await activity.nth(1).get_by_role("link").bounding_box()
    assert box and box["height"] >= TAP_TARGET_PX, box
