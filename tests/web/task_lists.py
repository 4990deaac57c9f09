"""The dashboard's lists of tasks as the browser tests read and change them: tasks made
through the API, the views' links and counts, the titles in the order shown, and a move
that the server has taken."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any

from playwright.async_api import Locator, Page

from tests.conftest import Account

Json = dict[str, Any]


async def post(page: Page, account: Account, path: str, body: Json | None = None) -> Json:
    response = await page.request.post(f"/api/v1{path}", data=body or {}, headers=account.headers)
    assert response.ok, await response.text()
    answer: Json = await response.json()
    return answer


async def add(
    page: Page, account: Account, title: str, due: date | None = None, **body: Any
) -> Json:
    if due is not None:
        body["due"] = {"date": due.isoformat()}
    return await post(page, account, "/tasks", {"title": title, **body})


def nav_link(page: Page, name: str) -> Locator:
    return page.get_by_role("navigation", name="Task views").get_by_role("link", name=name)


def count_of(page: Page, name: str) -> Locator:
    return nav_link(page, name).locator(".count")


def titles(page: Page) -> Locator:
    return page.locator(".task-groups li.task .task-title")


async def order_after_move(page: Page, act: Callable[[], Awaitable[None]]) -> None:
    """Runs ``act`` and waits until the server has the move."""
    async with page.expect_response(lambda response: response.url.endswith("/move")) as moved:
        await act()
    assert (await moved.value).ok
