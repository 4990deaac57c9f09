"""An expired access token is renewed silently; when the session is gone, the login page
brings the person back to where they were, with what they were typing."""

from __future__ import annotations

from playwright.async_api import expect

from tests.conftest import PASSWORD, MakeUser
from tests.web.browsing import Browsing
from tests.web.chatting import conversation_id, open_chat


async def test_expiry_refreshes_silently_then_keeps_the_draft_through_login(
    browsing: Browsing, make_user: MakeUser
) -> None:
    account = await make_user(name="Ana")
    page = await open_chat(browsing, account)
    chat_path = f"/chat/{conversation_id(page)}"
    await page.get_by_role("textbox", name="Message").fill("half-written thought")
    search = page.get_by_role("searchbox", name="Search conversations")

    await page.context.clear_cookies(name="taskmate_access")
    async with page.expect_response(lambda r: "/auth/refresh" in r.url) as refreshed:
        await search.fill("anything")
    assert (await refreshed.value).status == 200
    await expect(page.get_by_text("No conversation matches.")).to_be_visible()
    assert "taskmate_access" in {cookie["name"] for cookie in await page.context.cookies()}

    await page.context.clear_cookies()
    await search.fill("something else")
    await expect(page).to_have_url(f"/login?next={chat_path.replace('/', '%2F')}")
    await page.get_by_label("Email").fill(account.email)
    await page.get_by_label("Password").fill(PASSWORD)
    await page.get_by_role("button", name="Log in").click()
    await expect(page).to_have_url(chat_path)
    await expect(page.get_by_role("textbox", name="Message")).to_have_value("half-written thought")
