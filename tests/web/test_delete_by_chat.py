"""Deleting through chat asks first: Keep keeps the task, Delete deletes it, Undo restores it."""

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
    await expect(page.locator(".tool-card")).to_contain_text("Added")

    await send(page, "delete water the plants")
    first = page.locator(".choice").nth(0)
    await first.get_by_role("button", name="Keep").click()
    await expect(first).to_contain_text("Chosen: Keep")
    await expect(page.locator(".bubble.role-assistant[data-status=completed]")).to_have_count(2)
    assert await open_titles(page) == ["water the plants"]

    await send(page, "delete water the plants")
    second = page.locator(".choice").nth(1)
    await second.get_by_role("button", name="Delete").click()
    deleted = page.locator(".tool-card", has_text="Deleted")
    await expect(deleted).to_be_visible()
    assert await open_titles(page) == []

    await deleted.get_by_role("button", name="Undo").click()
    await expect(deleted).to_contain_text("Undone")
    await expect(deleted.get_by_role("button", name="Undo")).to_have_count(0)
    assert await open_titles(page) == ["water the plants"]
