"""Every page passes axe-core's WCAG 2 A and AA rules (labels, names, contrast, landmarks
that apply) in the light and the dark theme. axe-core comes from the axe-playwright-python
package and runs in the page: nothing is fetched."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.async_playwright import Axe
from playwright.async_api import Page, expect

from tests.conftest import Account, MakeUser
from tests.web.browsing import Browsing

RULES = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa"]}}
SIGNED_OUT = ["/login", "/signup"]
# Each signed-in page, and what shows once it has drawn what it read from the server.
SIGNED_IN = {"/": "body[data-ready=true]", "/chat": ".chat-page .status[data-status=online]"}
SIGNED_IN["/settings"] = SIGNED_IN["/"]


async def add(page: Page, user: Account, task: dict[str, Any]) -> dict[str, Any]:
    response = await page.request.post("/api/v1/tasks", data=task, headers=user.headers)
    assert response.ok, await response.text()
    added: dict[str, Any] = await response.json()
    return added


async def violations(page: Page) -> str:
    """axe's report of what the page breaks, empty when nothing."""
    results = await Axe().run(page, options=RULES)
    return "" if results.violations_count == 0 else results.generate_report()


@pytest.mark.parametrize("scheme", ["light", "dark"])
async def test_pages_pass_axe_core(browsing: Browsing, make_user: MakeUser, scheme: str) -> None:
    context = await browsing.context(color_scheme=scheme)
    page = await context.new_page()
    for path in SIGNED_OUT:
        await page.goto(path)
        await expect(page.locator("form")).to_be_visible()
        assert await violations(page) == "", path
    user = await make_user()
    await context.request.post(
        "/api/v1/auth/login",
        data={"email": user.email, "password": user.password, "session": "cookie"},
    )
    # The dashboard's list with a subtask under its parent and one shown apart ("↳ parent").
    party = await add(page, user, {"title": "plan party"})
    await add(page, user, {"title": "invite friends", "parent_id": party["id"]})
    await add(page, user, {"title": "buy cake", "parent_id": party["id"], "due_text": "today"})
    for path, drawn in SIGNED_IN.items():
        await page.goto(path)
        await expect(page.locator(drawn)).to_be_attached()
        assert await violations(page) == "", path


async def test_axe_reports_a_field_without_a_label(browsing: Browsing) -> None:
    """The check above can fail: a field added without a label is reported."""
    page = await (await browsing.context()).new_page()
    await page.goto("/login")
    await page.evaluate("document.querySelector('form').append(document.createElement('input'))")
    assert "label" in await violations(page)
