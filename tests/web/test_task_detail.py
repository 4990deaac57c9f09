"""A task's detail panel on the dashboard: each field saves on its own and the list and
another tab follow; a refused change goes back with the server's message; the panel has its
own address (reload, back, Escape); on a phone it is a sheet over the whole screen."""

from __future__ import annotations

import asyncio
from typing import Any

from playwright.async_api import Locator, Page, Route, expect

from taskmate.tasks.schemas import MAX_TITLE
from tests.conftest import Account, MakeUser
from tests.web.browsing import PHONE, Browsing
from tests.web.reach import horizontal_overflow

TOO_LONG = "x" * (MAX_TITLE + 1)


async def post(page: Page, account: Account, path: str, data: dict[str, Any]) -> Any:
    response = await page.request.post(f"/api/v1{path}", data=data, headers=account.headers)
    assert response.ok, await response.text()
    return await response.json()


def panel(page: Page) -> Locator:
    return page.get_by_role("complementary", name="Task")


def row(page: Page, title: str) -> Locator:
    return page.locator("li.task", has_text=title)


async def held(route: Route, answer: asyncio.Event) -> None:
    """Changes wait for ``answer``, so what shows before the server answers can be seen."""
    if route.request.method == "PATCH":
        await answer.wait()
    await route.continue_()


async def test_each_field_saves_and_the_list_and_another_tab_follow(
    browsing: Browsing, make_user: MakeUser
) -> None:
    account = await make_user()
    page = await browsing.signed_in(account)
    home = await post(page, account, "/projects", {"name": "Home"})
    task = await post(page, account, "/tasks", {"title": "water plants"})
    other = await page.context.new_page()
    await other.goto(f"/?task={task['id']}")  # the address opens the panel
    await expect(panel(other)).to_contain_text("water plants")
    await page.bring_to_front()  # a page behind another one paints rarely: clicks would wait
    await page.goto("/")

    await page.locator("li.task .task-title", has_text="water plants").click()
    await expect(page).to_have_url(f"/?task={task['id']}")
    detail = panel(page)
    await detail.get_by_role("button", name="Edit title").click()
    await detail.get_by_role("textbox", name="title").fill("water the **big** plants")
    await detail.get_by_role("textbox", name="title").press("Enter")
    for tab in (page, other):
        await expect(panel(tab).locator(".detail-title strong")).to_have_text("big")
        await expect(row(tab, "water the big plants").locator("strong")).to_have_text("big")

    await detail.get_by_role("button", name="Add notes").click()
    await detail.get_by_role("textbox", name="notes").fill(
        "- **soil** first\n- <script>window.ran = true</script>"
    )
    await detail.get_by_role("button", name="Save").click()
    for tab in (page, other):
        notes = panel(tab).locator(".detail-notes")
        await expect(notes.locator("li strong")).to_have_text("soil")
        await expect(notes.locator("li").nth(1)).to_have_text("<script>window.ran = true</script>")
        assert await tab.evaluate("window.ran") is None

    await detail.get_by_label("Project").select_option(label="Home")
    await detail.get_by_label("Priority").select_option(label="P1 · Urgent")
    for label in ("garden", "weekly"):
        await detail.get_by_role("textbox", name="Add a label").fill(label)
        await detail.get_by_role("textbox", name="Add a label").press("Enter")
        await expect(detail.locator(".chip", has_text=f"@{label}")).to_be_visible()
    await detail.get_by_role("button", name="Remove label weekly").click()
    for tab in (page, other):
        await expect(row(tab, "water the big plants").locator(".task-meta")).to_have_text(
            "#Home · @garden · p1"
        )
        await expect(panel(tab).get_by_label("Project")).to_have_value(str(home["id"]))

    await detail.get_by_role("textbox", name="Due, in words").fill("tomorrow 5pm")
    await detail.get_by_role("textbox", name="Due, in words").press("Enter")
    await expect(detail.locator(".detail-words").first).to_have_text("Tomorrow at 5 PM")
    await expect(detail.get_by_role("textbox", name="Due, in words")).to_have_value("")
    await detail.get_by_label("Due time").fill("09:30")
    for tab in (page, other):
        await expect(panel(tab).locator(".detail-words").first).to_have_text("Tomorrow at 9:30 AM")
        await expect(row(tab, "water the big plants").locator(".task-meta")).to_contain_text(
            "Tomorrow at 9:30 AM"
        )
    await post(page, account, f"/tasks/{task['id']}/reminders", {"before_minutes": 90})
    for tab in (page, other):  # a change made elsewhere
        await expect(panel(tab).locator(".detail-facts")).to_contain_text(
            "1 hour 30 minutes before it is due (next: Tomorrow at 8 AM)"
        )

    await detail.get_by_role("textbox", name="Repeat rule, in words").fill("every day")
    await detail.get_by_role("textbox", name="Repeat rule, in words").press("Enter")
    for tab in (page, other):
        await expect(panel(tab)).to_contain_text("Repeats every day. Next: Today")
        mark = row(tab, "water the big plants").get_by_role("img", name="Repeats every day")
        await expect(mark).to_be_visible()
    await detail.get_by_role("button", name="Stop repeating").click()
    for tab in (page, other):
        await expect(panel(tab)).to_contain_text("Does not repeat")
        await expect(row(tab, "water the big plants").locator(".repeat-mark")).to_have_count(0)

    await detail.get_by_role("textbox", name="Add subtask").fill("buy soil")
    await detail.get_by_role("textbox", name="Add subtask").press("Enter")
    for tab in (page, other):
        await expect(panel(tab).get_by_role("checkbox", name="Complete “buy soil”")).to_be_visible()
        await expect(row(tab, "buy soil")).to_be_visible()
    await detail.get_by_role("checkbox", name="Complete “buy soil”").click()
    for tab in (page, other):
        await expect(panel(tab).get_by_role("checkbox", name="Reopen “buy soil”")).to_be_checked()
        await expect(row(tab, "buy soil")).to_have_count(0)
    await expect(detail).to_contain_text("Created Today at")


async def test_a_refused_change_goes_back_and_the_address_follows_the_panel(
    browsing: Browsing, make_user: MakeUser
) -> None:
    account = await make_user()
    page = await browsing.signed_in(account)
    task = await post(page, account, "/tasks", {"title": "file taxes"})
    await page.goto("/")
    await row(page, "file taxes").focus()
    await page.keyboard.press("Enter")
    detail = panel(page)
    await expect(detail).to_be_visible()
    await expect(page).to_have_url(f"/?task={task['id']}")

    answer = asyncio.Event()
    await page.route(f"**/api/v1/tasks/{task['id']}", lambda route: held(route, answer))
    await detail.get_by_role("button", name="Edit title").click()
    await detail.get_by_role("textbox", name="title").fill(TOO_LONG)
    await detail.get_by_role("textbox", name="title").press("Enter")
    await expect(detail.locator(".detail-title")).to_have_text(TOO_LONG)  # at once
    await expect(row(page, TOO_LONG)).to_be_visible()
    answer.set()
    await expect(page.locator(".toast-error")).to_contain_text("500")
    await expect(detail.locator(".detail-title")).to_have_text("file taxes")
    await expect(row(page, "file taxes")).to_be_visible()

    await page.reload()
    await expect(panel(page).locator(".detail-title")).to_have_text("file taxes")
    await page.keyboard.press("Escape")
    await expect(panel(page)).to_be_hidden()
    await expect(page).to_have_url("/")
    await expect(row(page, "file taxes")).to_be_focused()
    await page.go_forward()
    await expect(panel(page).locator(".detail-title")).to_have_text("file taxes")
    await page.go_back()
    await expect(panel(page)).to_be_hidden()


async def test_on_a_phone_the_detail_is_a_sheet_over_the_whole_screen(
    browsing: Browsing, make_user: MakeUser
) -> None:
    account = await make_user()
    page = await browsing.signed_in(account, viewport=PHONE)
    await post(page, account, "/tasks", {"title": "x" * MAX_TITLE, "description": "y" * 2000})
    await page.goto("/")
    await page.locator("li.task .task-title").click()
    detail = panel(page)
    await expect(detail.locator(".detail-title")).to_be_visible()
    assert await detail.bounding_box() == {"x": 0, "y": 0, **PHONE}
    assert await horizontal_overflow(page) <= 0
    inner_overflow = "(body) => body.scrollWidth - body.clientWidth"
    assert await detail.locator(".detail-body").evaluate(inner_overflow) <= 0
    await detail.get_by_role("button", name="Close task details").click()
    await expect(detail).to_be_hidden()
    await expect(page).to_have_url("/")
