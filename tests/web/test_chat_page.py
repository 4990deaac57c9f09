"""The chat page keeps its place when conversations come and go."""

from __future__ import annotations

import httpx
from playwright.async_api import expect

from tests.conftest import Account, MakeUser
from tests.web.browsing import Browsing
from tests.web.chatting import conversation_id, open_chat, send

# Asks the server on each poll and answers with what the previous ask found.
READ_ON_THE_SERVER = """(id) => {
  fetch("/api/v1/conversations").then((response) => response.json()).then((page) => {
    window.readOnServer = page.items.find((c) => c.id === id).unread_count === 0;
  });
  return window.readOnServer === true;
}"""


async def new_conversation(client: httpx.AsyncClient, account: Account, title: str) -> str:
    response = await client.post(
        "/api/v1/conversations", json={"title": title}, headers=account.headers
    )
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def test_deleting_ones_own_conversation_says_deleted_and_opens_another(
    browsing: Browsing, make_user: MakeUser, client: httpx.AsyncClient
) -> None:
    ana = await make_user()
    older = await new_conversation(client, ana, "Plans")
    newer = await new_conversation(client, ana, "Groceries")
    page = await open_chat(browsing, ana, f"/chat/{newer}")

    await page.get_by_role("button", name="Delete “Groceries”").click()

    await expect(page.locator(".toast span")).to_have_text(["Deleted “Groceries”."])
    await expect(page).to_have_url(f"/chat/{older}")
    await expect(page.locator(".conversation-title")).to_have_text("Plans")
    await expect(page.get_by_role("textbox", name="Message")).to_be_editable()
    await expect(page.locator(".sidebar .row-title")).to_have_text(["Plans"])
    await expect(page.get_by_text("removed")).to_have_count(0)
    gone = await page.request.get(f"/api/v1/conversations/{newer}")
    assert gone.status == 404


async def test_undo_brings_the_deleted_conversation_back_where_it_was(
    browsing: Browsing, make_user: MakeUser, client: httpx.AsyncClient
) -> None:
    ana = await make_user()
    await new_conversation(client, ana, "Plans")
    groceries = await new_conversation(client, ana, "Groceries")
    page = await open_chat(browsing, ana, f"/chat/{groceries}")
    await send(page, "add buy milk")
    await expect(page.locator(".bubble.role-assistant[data-status=completed]")).to_have_count(1)

    await page.get_by_role("button", name="Delete “Groceries”").click()
    await expect(page.locator(".conversation-title")).to_have_text("Plans")
    await page.locator(".toast").get_by_role("button", name="Undo").click()

    await expect(page).to_have_url(f"/chat/{groceries}")
    await expect(page.locator(".conversation-title")).to_have_text("Groceries")
    await expect(page.locator(".log .bubble.mine .body")).to_have_text(["add buy milk"])
    # Plans has no message: listed only while open.
    await expect(page.locator(".sidebar .row-title")).to_have_text(["Groceries"])
    await expect(page.locator(".toast")).to_have_count(0)
    assert (await page.request.get(f"/api/v1/conversations/{groceries}")).ok


async def test_the_open_conversation_shows_no_unread_badge(
    browsing: Browsing, make_user: MakeUser
) -> None:
    page = await open_chat(browsing, await make_user())
    await send(page, "add buy milk tomorrow at 5pm")
    await expect(page.locator(".bubble.role-assistant").last).to_contain_text("Added “buy milk”")
    current = page.locator(".sidebar li.current")
    await expect(current.locator(".row-title")).not_to_have_text("New conversation")
    await expect(current.locator(".unread")).to_have_count(0)
    await page.wait_for_function(READ_ON_THE_SERVER, arg=conversation_id(page), polling=100)


async def test_the_list_previews_the_latest_message(
    browsing: Browsing, make_user: MakeUser
) -> None:
    page = await open_chat(browsing, await make_user())
    preview = page.locator(".sidebar li.current .preview")
    await send(page, "add buy milk tomorrow at 5pm")
    await expect(preview).to_contain_text("Added “buy milk”")
    await send(page, "add call mom on friday")
    await expect(preview).to_contain_text("Added “call mom”")


async def test_new_conversation_reuses_the_open_one_while_it_is_empty(
    browsing: Browsing, make_user: MakeUser
) -> None:
    page = await open_chat(browsing, await make_user())
    first = conversation_id(page)
    rows = page.locator(".sidebar .conversation-list li[data-id]")
    await expect(rows).to_have_count(1)
    new = page.get_by_role("button", name="+ New conversation")

    await new.click()
    await expect(page.get_by_role("textbox", name="Message")).to_be_focused()
    assert conversation_id(page) == first
    await send(page, "add buy milk tomorrow at 5pm")
    await expect(page.locator(".bubble.role-user")).to_have_count(1)
    await new.click()
    await expect(page).not_to_have_url(f"/chat/{first}")
    await expect(rows).to_have_count(2)
    # Left behind without a message, the new conversation leaves the list, also after a reload.
    await rows.filter(has_text="buy milk").get_by_role("link").click()
    await expect(page).to_have_url(f"/chat/{first}")
    await expect(rows).to_have_count(1)
    await page.reload()
    await expect(page.locator(".sidebar li.current")).to_be_visible()
    await expect(rows).to_have_count(1)
