"""The dashboard's views: Today with overdue tasks above, Upcoming by day under its week,
Completed with Reopen, Trash with Restore, counts that follow changes live, addresses that
survive reload and back, and a hand-made order (Alt+ArrowDown, drag and drop) that persists."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from playwright.async_api import expect

from tests.conftest import MakeUser
from tests.web.browsing import Browsing
from tests.web.task_lists import add, count_of, nav_link, order_after_move, post, titles


def date_words(day: date, today: date) -> str:
    """As the dashboard writes a date in the default format: "Dec 20", "Jan 3, 2027"."""
    return f"{day:%b} {day.day}" + ("" if day.year == today.year else f", {day.year}")


def week_words(day: date, today: date) -> str:
    """The heading of ``day``'s week, for weeks that start on Sunday."""
    start, this_week = (d - timedelta(days=(d.weekday() + 1) % 7) for d in (day, today))
    if start == this_week:
        return "This week"
    if start == this_week + timedelta(days=7):
        return "Next week"
    return f"Week of {start:%a}, {date_words(start, today)}"


async def test_views_hold_the_right_tasks_and_their_counts_follow_changes_live(
    browsing: Browsing, make_user: MakeUser
) -> None:
    user = await make_user()
    page = await browsing.signed_in(user)
    today = datetime.now(UTC).date()
    await page.request.patch("/api/v1/me", data={"week_start": "sunday"}, headers=user.headers)
    await add(page, user, "pay rent", today - timedelta(days=1))
    await add(page, user, "call mom", today)
    dentist = await add(page, user, "dentist", today + timedelta(days=1))
    await add(page, user, "plan trip", today + timedelta(days=9))
    await add(page, user, "far away", today + timedelta(days=20))
    someday = await add(page, user, "someday")

    await page.goto("/?view=today")
    await expect(page.get_by_role("heading", name="Today", exact=True)).to_be_visible()
    await expect(page.locator(".task-group h2")).to_have_text(["Overdue 1", "Today 1"])
    await expect(titles(page)).to_have_text(["pay rent", "call mom"])
    await expect(count_of(page, "Today")).to_have_text("2")
    await expect(count_of(page, "Upcoming")).to_have_text("2")
    await expect(count_of(page, "Inbox")).to_have_text("6")

    await nav_link(page, "Upcoming").click()
    await expect(page).to_have_url(re.compile(r"/\?view=upcoming$"))
    tomorrow, trip = today + timedelta(days=1), today + timedelta(days=9)
    await expect(page.locator(".task-group h3")).to_have_text(
        [f"Tomorrow {date_words(tomorrow, today)}", f"{trip:%a}, {date_words(trip, today)}"]
    )
    await expect(titles(page)).to_have_text(["dentist", "plan trip"])
    weeks = dict.fromkeys(week_words(day, today) for day in (tomorrow, trip))
    await expect(page.locator("h2.week")).to_have_text(list(weeks))

    await post(page, user, f"/tasks/{dentist['id']}/complete")
    await expect(titles(page)).to_have_text(["plan trip"])
    await expect(count_of(page, "Upcoming")).to_have_text("1")
    await add(page, user, "water plants", today)
    await expect(count_of(page, "Today")).to_have_text("3")

    await nav_link(page, "Completed").click()
    row = page.locator("li.task", has_text="dentist")
    await expect(row.locator(".task-meta")).to_have_text(re.compile(r"^Completed today at "))
    await row.get_by_role("button", name="Reopen “dentist”").click()
    await expect(page.get_by_text("No completed tasks.")).to_be_visible()
    await expect(count_of(page, "Upcoming")).to_have_text("2")

    await nav_link(page, "Trash").click()
    await expect(page.get_by_text("The trash is empty.", exact=False)).to_be_visible()
    response = await page.request.delete(f"/api/v1/tasks/{someday['id']}", headers=user.headers)
    assert response.ok
    await expect(titles(page)).to_have_text(["someday"])  # live, from the user channel
    await expect(count_of(page, "Inbox")).to_have_text("6")
    await page.get_by_role("button", name="Restore “someday”").click()
    await expect(titles(page)).to_have_count(0)
    await expect(count_of(page, "Inbox")).to_have_text("7")


async def test_view_addresses_survive_reload_back_and_forward(
    browsing: Browsing, make_user: MakeUser
) -> None:
    user = await make_user()
    page = await browsing.signed_in(user)
    home = await post(page, user, "/projects", {"name": "Home"})
    await add(page, user, "fix the tap", project_id=home["id"])
    await add(page, user, "buy stamps", labels=["errands"])

    await page.goto(f"/?project={home['id']}")
    await expect(page.get_by_role("heading", name="Home")).to_be_visible()
    await expect(titles(page)).to_have_text(["fix the tap"])
    await expect(nav_link(page, "Home")).to_have_attribute("aria-current", "page")
    quick = page.get_by_role("textbox", name="Quick add a task")
    await quick.fill("oil the hinges")  # typed in a project's view: filed there
    await quick.press("Enter")
    await expect(titles(page)).to_have_text(["fix the tap", "oil the hinges"])
    await add(page, user, "hang the mirror", project_id=home["id"])  # keeps the view's order
    await expect(titles(page)).to_have_text(["fix the tap", "oil the hinges", "hang the mirror"])

    await nav_link(page, "@errands").click()
    await expect(page).to_have_url(re.compile(r"/\?label=errands$"))
    await expect(titles(page)).to_have_text(["buy stamps"])
    await page.reload()
    await expect(page.get_by_role("heading", name="@errands")).to_be_visible()
    await expect(titles(page)).to_have_text(["buy stamps"])
    await expect(page).to_have_title("@errands · Taskmate")

    await page.go_back()
    await expect(page.get_by_role("heading", name="Home")).to_be_visible()
    await expect(titles(page)).to_have_text(["fix the tap", "oil the hinges", "hang the mirror"])
    await page.go_forward()
    await expect(page.get_by_role("heading", name="@errands")).to_be_visible()


async def test_the_order_made_by_hand_survives_a_reload(
    browsing: Browsing, make_user: MakeUser
) -> None:
    user = await make_user()
    page = await browsing.signed_in(user)
    for title in ("first", "second", "third"):
        await add(page, user, title)
    await page.goto("/?view=inbox")
    await expect(titles(page)).to_have_text(["first", "second", "third"])

    first = page.locator("li.task", has_text="first")
    await first.focus()
    await order_after_move(page, lambda: first.press("Alt+ArrowDown"))
    await expect(titles(page)).to_have_text(["second", "first", "third"])
    await expect(first).to_be_focused()
    await order_after_move(page, lambda: first.press("Alt+ArrowDown"))
    await expect(titles(page)).to_have_text(["second", "third", "first"])

    # A fresh page, so no live event of the moves above redraws the rows during the drag.
    await page.reload()
    await expect(titles(page)).to_have_text(["second", "third", "first"])
    third = page.locator("li.task", has_text="third")
    second = page.locator("li.task", has_text="second")
    await order_after_move(page, lambda: third.drag_to(second, target_position={"x": 40, "y": 4}))
    await expect(titles(page)).to_have_text(["third", "second", "first"])

    await page.reload()
    await expect(titles(page)).to_have_text(["third", "second", "first"])
