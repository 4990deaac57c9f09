"""A page that cannot load offline shows the offline page (the service worker keeps it),
with the messages still waiting in the outbox and "Try again"; back online, the page comes
back and sends them."""

from __future__ import annotations

from playwright.async_api import Page, expect

from tests.conftest import MakeUser
from tests.web.browsing import DEADLINE_MS, Browsing
from tests.web.chatting import conversation_id, open_chat, send

CONTROLLED = "() => navigator.serviceWorker.controller !== null"


async def controlled_chat(browsing: Browsing, make_user: MakeUser) -> Page:
    """The chat page once the service worker it registers controls it."""
    page = await open_chat(browsing, await make_user())
    await page.wait_for_function(CONTROLLED)
    return page


async def test_a_page_loaded_offline_shows_the_queued_messages(
    browsing: Browsing, make_user: MakeUser
) -> None:
    page = await controlled_chat(browsing, make_user)
    chat_url = page.url
    await page.context.set_offline(True)
    await send(page, "add buy eggs\nand bread")
    await expect(page.locator(".bubble.pending")).to_have_count(1)

    await page.reload()
    await expect(page.get_by_role("heading", name="You're offline")).to_be_visible()
    assert page.url == chat_url  # "Try again" loads the page asked for
    queued = page.get_by_role("region", name="Waiting to be sent").get_by_role("listitem")
    await expect(queued).to_have_text(["add buy eggs\nand bread"])

    await page.evaluate("window.before = true")
    await page.get_by_role("button", name="Try again").click()
    await page.wait_for_function("() => window.before === undefined")  # loaded again
    await expect(page.get_by_role("heading", name="You're offline")).to_be_visible()

    await page.context.set_offline(False)  # the page notices, and loads the chat again
    await expect(page.locator(".log .bubble.mine .body")).to_have_text(
        ["add buy eggs\nand bread"], timeout=DEADLINE_MS
    )
    await expect(page.locator(".bubble.pending")).to_have_count(0)
    response = await page.request.get(f"/api/v1/conversations/{conversation_id(page)}/items")
    items = (await response.json())["items"]
    sent = [item["content"] for item in items if item.get("role") == "user"]
    assert sent == ["add buy eggs\nand bread"]


async def test_with_nothing_queued_the_offline_page_says_so(
    browsing: Browsing, make_user: MakeUser
) -> None:
    page = await controlled_chat(browsing, make_user)
    await page.context.set_offline(True)
    await page.goto("/settings")
    await expect(page.get_by_role("heading", name="You're offline")).to_be_visible()
    await expect(page.get_by_text("Nothing is waiting to be sent.")).to_be_visible()
    await page.context.set_offline(False)  # the page notices, and loads the settings
    await expect(page.get_by_role("heading", name="Settings")).to_be_visible()
