"""Subtasks in the dashboard's lists: under their parent when it is in the same list, with a
"2/3" button that hides and shows them (remembered over a reload); on their own with
"↳ parent" when it is not; kept live from another tab; ordered by hand among their siblings;
and a subtask's detail links to its parent's."""

from __future__ import annotations

from datetime import UTC, datetime

from playwright.async_api import Locator, Page, expect

from tests.conftest import Account, MakeUser
from tests.web.browsing import Browsing
from tests.web.task_lists import Json, add, order_after_move, post, titles


def row(page: Page, task: Json) -> Locator:
    return page.locator(f"li.task[data-id='{task['id']}']")


def subtask_titles(page: Page, parent: Json) -> Locator:
    return row(page, parent).locator(":scope > ul.subtasks > li.task > .task-main .task-title")


def toggle(page: Page, parent: Json, done: int, total: int) -> Locator:
    name = f"{done}/{total} subtasks of “{parent['title']}” done"
    return page.get_by_role("button", name=name, exact=True)


async def party(page: Page, user: Account) -> tuple[Json, Json, list[Json]]:
    """A project with "plan party" (three subtasks, one done) and "clean up"."""
    home = await post(page, user, "/projects", {"name": "Home"})
    parent = await add(page, user, "plan party", project_id=home["id"])
    subtasks = [
        await add(page, user, title, parent_id=parent["id"], project_id=home["id"])
        for title in ("invite friends", "buy cake", "book hall")
    ]
    await post(page, user, f"/tasks/{subtasks[2]['id']}/complete")
    await add(page, user, "clean up", project_id=home["id"])
    return home, parent, subtasks


async def test_subtasks_stand_under_their_parent_fold_away_and_follow_other_tabs(
    browsing: Browsing, make_user: MakeUser
) -> None:
    user = await make_user()
    page = await browsing.signed_in(user)
    home, parent, _ = await party(page, user)
    await page.goto(f"/?project={home['id']}")
    await expect(titles(page)).to_have_text(
        ["plan party", "invite friends", "buy cake", "clean up"]
    )
    await expect(subtask_titles(page, parent)).to_have_text(["invite friends", "buy cake"])
    button = toggle(page, parent, 1, 3)
    await expect(button).to_contain_text("▾ 1/3")
    await expect(button).to_have_attribute("aria-expanded", "true")

    await button.click()
    await expect(subtask_titles(page, parent).first).to_be_hidden()
    await expect(button).to_have_attribute("aria-expanded", "false")
    await expect(button).to_be_focused()
    await page.reload()
    await expect(toggle(page, parent, 1, 3)).to_contain_text("▸ 1/3")
    await expect(subtask_titles(page, parent).first).to_be_hidden()
    await toggle(page, parent, 1, 3).click()
    await expect(subtask_titles(page, parent)).to_have_text(["invite friends", "buy cake"])

    other = await page.context.new_page()  # another tab changes them
    await other.goto("/")
    await add(other, user, "order drinks", parent_id=parent["id"], project_id=home["id"])
    await other.get_by_role("checkbox", name="Complete “invite friends”").click()
    await expect(toggle(other, parent, 2, 4)).to_contain_text("▾ 2/4")
    await page.bring_to_front()  # a page behind another one paints rarely
    await expect(subtask_titles(page, parent)).to_have_text(["buy cake", "order drinks"])
    await expect(toggle(page, parent, 2, 4)).to_contain_text("▾ 2/4")


async def test_a_subtask_apart_from_its_parent_links_to_it_and_its_detail_does_too(
    browsing: Browsing, make_user: MakeUser
) -> None:
    user = await make_user()
    page = await browsing.signed_in(user)
    _, parent, subtasks = await party(page, user)
    cake = subtasks[1]
    today = datetime.now(UTC).date().isoformat()
    response = await page.request.patch(
        f"/api/v1/tasks/{cake['id']}", data={"due": {"date": today}}, headers=user.headers
    )
    assert response.ok

    await page.goto("/?view=today")  # the parent is not due: the subtask stands alone
    await expect(titles(page)).to_have_text(["buy cake"])
    link = row(page, cake).get_by_role("link", name="Subtask of plan party")
    await expect(link).to_have_text("↳ Subtask of plan party")
    await link.click()
    await expect(page).to_have_url(f"/?view=today&task={parent['id']}")
    detail = page.get_by_role("complementary", name="Task")
    await expect(detail.locator(".detail-title")).to_have_text("plan party")
    await expect(detail.locator(".detail-parent")).to_be_hidden()

    await detail.get_by_role("button", name="Open “buy cake”").click()
    await expect(detail.locator(".detail-title")).to_have_text("buy cake")
    await detail.get_by_role("link", name="Subtask of plan party").click()
    await expect(detail.locator(".detail-title")).to_have_text("plan party")
    await expect(page).to_have_url(f"/?view=today&task={parent['id']}")

    await detail.get_by_role("textbox", name="Add subtask").fill("hire a band")
    await detail.get_by_role("textbox", name="Add subtask").press("Enter")
    await page.goto(f"/?project={parent['project_id']}")  # made in the parent's project
    await expect(subtask_titles(page, parent)).to_have_text(
        ["invite friends", "buy cake", "hire a band"]
    )


async def test_subtasks_are_ordered_by_hand_among_their_siblings(
    browsing: Browsing, make_user: MakeUser
) -> None:
    user = await make_user()
    page = await browsing.signed_in(user)
    home, parent, subtasks = await party(page, user)
    await page.goto(f"/?project={home['id']}")
    await expect(titles(page)).to_have_text(
        ["plan party", "invite friends", "buy cake", "clean up"]
    )

    invite = row(page, subtasks[0])
    await invite.focus()
    await order_after_move(page, lambda: invite.press("Alt+ArrowDown"))
    await expect(subtask_titles(page, parent)).to_have_text(["buy cake", "invite friends"])
    await invite.press("Alt+ArrowDown")  # the last of its siblings: it stays under its parent
    await expect(subtask_titles(page, parent)).to_have_text(["buy cake", "invite friends"])

    top = row(page, parent)
    await top.focus()
    await order_after_move(page, lambda: top.press("Alt+ArrowDown"))  # with its subtasks
    await expect(titles(page)).to_have_text(
        ["clean up", "plan party", "buy cake", "invite friends"]
    )

    # A fresh page, fully drawn (the count reads the done subtask), so no redraw lands mid-drag.
    await page.reload()
    await expect(titles(page)).to_have_text(
        ["clean up", "plan party", "buy cake", "invite friends"]
    )
    await expect(toggle(page, parent, 1, 3)).to_be_visible()
    cake = row(page, subtasks[1])
    await order_after_move(page, lambda: invite.drag_to(cake, target_position={"x": 40, "y": 4}))
    await expect(subtask_titles(page, parent)).to_have_text(["invite friends", "buy cake"])

    await page.reload()
    await expect(titles(page)).to_have_text(
        ["clean up", "plan party", "invite friends", "buy cake"]
    )
    await row(page, parent).locator(".task-title").first.click()
    listed = page.get_by_role("complementary", name="Task").locator(".detail-subtasks .task-title")
    await expect(listed).to_have_text(["invite friends", "buy cake", "book hall"])
