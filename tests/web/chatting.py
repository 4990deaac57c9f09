"""Steps every chat test takes."""

from __future__ import annotations

from playwright.async_api import Page, expect

from tests.conftest import Account
from tests.web.browsing import Browsing


async def open_chat(browsing: Browsing, account: Account, path: str = "/chat") -> Page:
    page = await browsing.signed_in(account)
    await page.goto(path)
    await expect(page.get_by_role("textbox", name="Message")).to_be_editable()
    return page


async def send(page: Page, text: str) -> None:
    box = page.get_by_role("textbox", name="Message")
    await box.fill(text)
    await box.press("Enter")


def conversation_id(page: Page) -> str:
    return page.url.rsplit("/", 1)[1]


# Every text the streaming answer showed, in order, into ``window.textsShown``.
RECORD_STREAMED_TEXTS = """() => {
  window.textsShown = [];
  new MutationObserver(() => {
    const body = document.querySelector(".bubble.role-assistant[data-status=streaming] .body");
    const text = body?.textContent;
    if (text && text !== window.textsShown.at(-1)) window.textsShown.push(text);
  }).observe(document.body, {subtree: true, childList: true, characterData: true});
}"""


async def record_streamed_texts(page: Page) -> None:
    await page.evaluate(RECORD_STREAMED_TEXTS)


async def streamed_texts(page: Page) -> list[str]:
    texts: list[str] = await page.evaluate("window.textsShown")
    return texts
