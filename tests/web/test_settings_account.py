"""Settings → account: password change, sign out everywhere, export, deleting the account."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import httpx
from playwright.async_api import Page, expect

from tests.conftest import PASSWORD, Account, MakeUser
from tests.tasks.helpers import create_task
from tests.web.browsing import Browsing

NEW_PASSWORD = "a brand new secret"


async def settings(browsing: Browsing, user: Account) -> Page:
    page = await browsing.signed_in(user)
    await page.goto("/settings")
    await expect(page.locator("body")).to_have_attribute("data-ready", "true")
    return page


async def on_login_page(page: Page) -> None:
    await page.wait_for_url(lambda url: urlsplit(url).path == "/login")
    await expect(page.get_by_role("heading", name="Log in")).to_be_visible()


async def test_password_change_then_sign_in_with_the_new_one(
    browsing: Browsing, make_user: MakeUser
) -> None:
    user = await make_user()
    page = await settings(browsing, user)
    await page.get_by_label("Current password").fill("not my password")
    await page.get_by_label("New password").fill(NEW_PASSWORD)
    await page.get_by_role("button", name="Change password").click()
    await expect(page.get_by_text("This is not your current password.")).to_be_visible()

    await page.get_by_label("Current password").fill(PASSWORD)
    await page.get_by_role("button", name="Change password").click()
    await expect(page.get_by_text("Password changed.")).to_be_visible()
    await expect(page.get_by_text("This is not your current password.")).to_be_hidden()

    other = await (await browsing.context()).new_page()
    await other.goto("/login")
    await other.get_by_label("Email").fill(user.email)
    await other.get_by_label("Password").fill(NEW_PASSWORD)
    await other.get_by_role("button", name="Log in").click()
    await other.wait_for_url(lambda url: urlsplit(url).path == "/")
    await expect(other.locator("body")).to_have_attribute("data-ready", "true")


async def test_sign_out_everywhere_signs_out_another_browser(
    browsing: Browsing, make_user: MakeUser
) -> None:
    user = await make_user()
    elsewhere = await browsing.signed_in(user)
    await elsewhere.goto("/")
    await expect(elsewhere.locator("body")).to_have_attribute("data-ready", "true")
    page = await settings(browsing, user)
    await page.get_by_role("button", name="Sign out everywhere").click()
    await page.get_by_role("dialog").get_by_role("button", name="Sign out everywhere").click()
    await on_login_page(page)
    await elsewhere.reload()
    await on_login_page(elsewhere)


async def test_export_downloads_the_users_tasks_as_json(
    browsing: Browsing, make_user: MakeUser
) -> None:
    user = await make_user()
    async with httpx.AsyncClient(base_url=browsing.server.http) as api:
        await create_task(api, user, title="Renew passport")
    page = await settings(browsing, user)
    async with page.expect_download() as started:
        await page.get_by_role("button", name="Download my data").click()
    download = await started.value
    assert download.suggested_filename.startswith("taskmate-export-")
    assert download.suggested_filename.endswith(".json")
    data = json.loads((await download.path()).read_text())
    assert [task["title"] for task in data["tasks"]] == ["Renew passport"]


async def test_deleting_the_account_asks_the_password_and_ends_on_the_sign_in_page(
    browsing: Browsing, make_user: MakeUser
) -> None:
    user = await make_user()
    page = await settings(browsing, user)
    await page.get_by_role("button", name="Delete account…").click()
    dialog = page.get_by_role("dialog", name="Delete account")
    await dialog.get_by_label("Your password").fill("not my password")
    await dialog.get_by_role("button", name="Delete my account").click()
    await expect(dialog.get_by_text("This is not your password.")).to_be_visible()
    await dialog.get_by_label("Your password").fill(PASSWORD)
    await dialog.get_by_role("button", name="Delete my account").click()
    await on_login_page(page)
    async with httpx.AsyncClient(base_url=browsing.server.http) as api:
        credentials = {"email": user.email, "password": PASSWORD}
        login = await api.post("/api/v1/auth/login", json=credentials)
    assert login.status_code == 401
