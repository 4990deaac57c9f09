"""A newcomer signs up, logs in, and adds a task by chatting; every open tab sees it."""

from __future__ import annotations

from playwright.async_api import Page, expect

from tests.conftest import PASSWORD
from tests.web.browsing import Browsing

STATUSES_SEEN = """() => {
  window.statusesSeen = new Set();
  new MutationObserver((changes) => {
    for (const change of changes) {
      const node = change.target;
      if (node.dataset?.status && node.classList.contains("role-assistant")) {
        window.statusesSeen.add(node.dataset.status);
      }
      for (const added of change.addedNodes) {
        if (added.dataset?.status && added.classList.contains("role-assistant")) {
          window.statusesSeen.add(added.dataset.status);
        }
      }
    }
  }).observe(document.body, {subtree: true, childList: true, attributes: true});
}"""


async def sign_up(page: Page, email: str) -> None:
    await page.goto("/")
    await expect(page).to_have_url("/login?next=/")
    await page.get_by_role("link", name="Create an account").click()
    await page.get_by_label("Name").fill("Ana")
    await page.get_by_label("Email").fill(email)
    await page.get_by_label("Password").fill(PASSWORD)
    await page.get_by_role("button", name="Create your account").click()
    await expect(page.get_by_role("heading", name="Tasks")).to_be_visible()


async def log_in(page: Page, email: str) -> None:
    await page.get_by_role("button", name="Sign out").click()
    await expect(page).to_have_url("/login")
    await page.goto("/")
    await page.get_by_label("Email").fill(email)
    await page.get_by_label("Password").fill(PASSWORD)
    await page.get_by_role("button", name="Log in").click()
    await expect(page.get_by_role("heading", name="Tasks")).to_be_visible()


async def test_chat_adds_a_task_that_every_tab_shows_live(browsing: Browsing) -> None:
    context = await browsing.context()
    page = await context.new_page()
    await sign_up(page, "ana@example.com")
    await log_in(page, "ana@example.com")
    other_tab = await context.new_page()
    await other_tab.goto("/")
    await expect(other_tab.get_by_text("Nothing to do yet.")).to_be_visible()
    await page.evaluate(STATUSES_SEEN)

    await page.get_by_role("button", name="Chat").click()
    widget = page.get_by_role("dialog", name="Chat with the assistant")
    await widget.get_by_role("textbox", name="Message").fill("add buy milk tomorrow at 5pm")
    await widget.get_by_role("textbox", name="Message").press("Enter")

    card = widget.locator(".tool-card")
    await expect(card).to_contain_text("1 created")
    await expect(card.get_by_role("button", name="Undo")).to_be_visible()
    answer = widget.locator(".bubble.role-assistant")
    await expect(answer).to_have_attribute("data-status", "completed")
    await expect(answer).to_contain_text("buy milk")
    assert "streaming" in await page.evaluate("[...window.statusesSeen]")
    for tab in (page, other_tab):
        await expect(tab.locator(".task-group", has_text="Upcoming")).to_contain_text("buy milk")
        await expect(tab.locator(".task-meta")).to_contain_text("Tomorrow at 5 PM")
