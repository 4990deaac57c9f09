"""Task titles on the dashboard: the longest one clamps to two lines without widening the
page, and inline Markdown shows as the chat shows it, with raw HTML left as text."""

from __future__ import annotations

import pytest
from playwright.async_api import Page, ViewportSize, expect

from taskmate.tasks.schemas import MAX_TITLE
from tests.conftest import Account, MakeUser
from tests.web.browsing import DESKTOP, PHONE, Browsing
from tests.web.reach import horizontal_overflow

TWO_LINES_CARD_PX = 120
UNBROKEN = "W" * MAX_TITLE
WORDY = ("plan the very long weekend " * 40)[:MAX_TITLE].strip()


async def add_task(page: Page, account: Account, title: str) -> None:
    added = await page.request.post("/api/v1/tasks", data={"title": title}, headers=account.headers)
    assert added.ok, await added.text()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
async def test_the_longest_titles_clamp_to_two_lines(
    browsing: Browsing, make_user: MakeUser, viewport: ViewportSize
) -> None:
    account = await make_user()
    page = await browsing.signed_in(account, viewport=viewport)
    for title in (UNBROKEN, WORDY):
        await add_task(page, account, title)

    await page.goto("/")
    cards = page.locator("li.task")
    await expect(cards).to_have_count(2)
    for card in await cards.all():
        box = await card.bounding_box()
        assert box and box["height"] < TWO_LINES_CARD_PX, box
    assert await horizontal_overflow(page) <= 0
    await expect(page.locator(".task-title").first).to_have_attribute("title", UNBROKEN)


async def test_titles_show_inline_markdown_and_never_run_html(
    browsing: Browsing, make_user: MakeUser
) -> None:
    account = await make_user()
    page = await browsing.signed_in(account)
    await add_task(page, account, "buy **oat** milk <script>x</script>")

    await page.goto("/")
    title = page.locator("li.task .task-title")
    await expect(title.locator("strong")).to_have_text("oat")
    await expect(title).to_have_text("buy oat milk <script>x</script>")
    await expect(page.locator(".task-groups script")).to_have_count(0)
