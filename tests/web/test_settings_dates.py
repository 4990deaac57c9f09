"""Settings → clock and time zone: every date the dashboard shows and the assistant's next
reply follow them."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import httpx
from playwright.async_api import Page, expect

from tests.conftest import Account, MakeUser
from tests.web.browsing import Browsing

# 25 hours apart: their dates always differ, so "tomorrow" is another day in each.
WEST = "Pacific/Pago_Pago"
EAST = "Pacific/Kiritimati"


def tomorrow_in(zone: str) -> date:
    return (datetime.now(UTC).astimezone(ZoneInfo(zone)) + timedelta(days=1)).date()


async def ask(page: Page, text: str, about: str) -> str:
    """Sends ``text`` in the dashboard's chat; the completed answer that names ``about``."""
    widget = page.get_by_role("dialog", name="Chat with the assistant")
    if not await widget.is_visible():
        await page.get_by_role("button", name="Chat").click()
    await widget.get_by_role("textbox", name="Message").fill(text)
    await widget.get_by_role("textbox", name="Message").press("Enter")
    answer = widget.locator(".bubble.role-assistant[data-status=completed]", has_text=about)
    await expect(answer).to_have_count(1)
    return await answer.locator(".body").inner_text()


async def due_of(api: httpx.AsyncClient, user: Account, title: str) -> str:
    tasks = (await api.get("/api/v1/tasks", headers=user.headers)).json()["items"]
    [due] = [task["due"]["date"] for task in tasks if task["title"] == title]
    return str(due)


async def test_12_hour_clock_and_a_new_zone_change_the_dashboard_and_the_next_reply(
    browsing: Browsing, make_user: MakeUser
) -> None:
    user = await make_user(timezone=WEST)
    dentist = tomorrow_in(EAST)
    async with httpx.AsyncClient(base_url=browsing.server.http) as api:
        await api.patch("/api/v1/me", json={"clock": "24h"}, headers=user.headers)
        created = await api.post(
            "/api/v1/tasks",
            json={"title": "Dentist", "due": {"date": dentist.isoformat(), "time": "17:00"}},
            headers=user.headers,
        )
        assert created.status_code == 201, created.text
        page = await browsing.signed_in(user)
        await page.goto("/")
        meta = page.locator(".task", has_text="Dentist").locator(".task-meta")
        await expect(meta).to_have_text(f"{dentist:%A} at 17:00")  # two or three days ahead
        eggs = await ask(page, "buy eggs tomorrow at 5pm", about="buy eggs")
        assert eggs == "Added “buy eggs” for tomorrow at 17:00."
        assert await due_of(api, user, "buy eggs") == tomorrow_in(WEST).isoformat()

        await page.goto("/settings")
        await page.get_by_label("Clock").select_option("12h")
        await expect(page.get_by_text("Clock: 12-hour (5 PM).")).to_be_visible()
        await page.get_by_label("Time zone").select_option(EAST)
        await expect(page.get_by_text("Time zone set to Pacific/Kiritimati.")).to_be_visible()

        await page.goto("/")
        await expect(meta).to_have_text("Tomorrow at 5 PM")
        milk = await ask(page, "buy milk tomorrow at 5pm", about="buy milk")
        assert milk == "Added “buy milk” for tomorrow at 5 PM."
        assert await due_of(api, user, "buy milk") == dentist.isoformat()
