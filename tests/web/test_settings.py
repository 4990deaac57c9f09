"""Settings → Access tokens in the browser: reached from the navigation, a token created
with its permissions and shown once with a copy button, working on the API, then revoked."""

from __future__ import annotations

import httpx
from playwright.async_api import expect

from tests.conftest import MakeUser
from tests.web.browsing import README_SCREENSHOTS, Browsing, readme_screenshots_wanted


async def test_create_copy_use_and_revoke_a_token(browsing: Browsing, make_user: MakeUser) -> None:
    user = await make_user()
    page = await browsing.signed_in(user)
    await page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    await page.goto("/")
    await page.get_by_role("link", name="Settings").click()
    await expect(page.get_by_role("heading", name="Access tokens")).to_be_visible()
    await expect(page.get_by_text("No tokens yet.")).to_be_visible()

    await (
        page.get_by_role("region", name="Access tokens").get_by_label("Name").fill("Claude Desktop")
    )
    await page.get_by_label("tasks:write").uncheck()
    await page.get_by_label("Expires").select_option(label="30 days")
    await page.get_by_role("button", name="Create token").click()
    secret_box = page.get_by_label("The token “Claude Desktop”")
    secret = await secret_box.input_value()
    assert secret.startswith("tm_pat_")
    await page.get_by_role("button", name="Copy").click()
    await expect(page.get_by_role("button", name="Copied")).to_be_visible()
    assert await page.evaluate("navigator.clipboard.readText()") == secret

    row = page.locator(".token", has_text="Claude Desktop")
    await expect(row).to_contain_text("tasks:read")
    await expect(row).not_to_contain_text("tasks:write")
    await expect(row).to_contain_text("Never used")
    if readme_screenshots_wanted():
        await page.screenshot(path=README_SCREENSHOTS / "settings-desktop.png", full_page=True)
    async with httpx.AsyncClient(base_url=browsing.server.http) as api:
        headers = {"Authorization": f"Bearer {secret}"}
        assert (await api.get("/api/v1/tasks", headers=headers)).status_code == 200
        await page.reload()
        await expect(row).to_contain_text("Last used")
        await expect(page.get_by_label("The token “Claude Desktop”")).to_have_count(0)

        await row.get_by_role("button", name="Revoke").click()
        await page.get_by_role("dialog").get_by_role("button", name="Revoke").click()
        await expect(page.get_by_text("No tokens yet.")).to_be_visible()
        assert (await api.get("/api/v1/tasks", headers=headers)).status_code == 401
