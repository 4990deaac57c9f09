"""Deleting through chat asks first: Keep keeps the task, Delete deletes it, Undo restores it.
Tool cards show each call's mechanics; the reply says what happened, once."""

from __future__ import annotations

from playwright.async_api import Page, expect

from tests.conftest import MakeUser
from tests.web.browsing import Browsing
from tests.web.chatting import open_chat, send


async def open_titles(page: Page) -> list[str]:
    response = await page.request.get("/api/v1/tasks")
    return [task["title"] for task in (await response.json())["items"]]


async def test_delete_asks_then_deletes_and_undo_restores(
    browsing: Browsing, make_user: MakeUser
) -> None:
    page = await open_chat(browsing, await make_user(name="Ana"))
    await send(page, "add water the plants")
    added = page.locator('.tool-card[aria-label="Tool add_tasks"]')
    await expect(added.locator(".tool-facts")).to_have_text("1 created")
    answer = page.locator(".bubble.role-assistant").first
    await expect(answer).to_contain_text("Added “water the plants”")
    await expect(added).not_to_contain_text("water the plants")

    await send(page, "delete water the plants")
    first = page.locator(".choice").nth(0)
    await first.get_by_role("button", name="Keep").click()
    await expect(first).to_contain_text("Chosen: Keep")
    await expect(page.locator(".bubble.role-assistant[data-status=completed]")).to_have_count(2)
    assert await open_titles(page) == ["water the plants"]

    await send(page, "delete water the plants")
    second = page.locator(".choice").nth(1)
    await second.get_by_role("button", name="Delete").click()
    deleted = page.locator('.tool-card[aria-label="Tool delete_tasks"]')
    await expect(deleted.locator(".tool-facts")).to_have_text("1 deleted")
    assert await open_titles(page) == []

    await deleted.get_by_role("button", name="Undo").click()
    await expect(deleted).to_contain_text("Undone")
    await expect(deleted.get_by_role("button", name="Undo")).to_have_count(0)
    assert await open_titles(page) == ["water the plants"]
