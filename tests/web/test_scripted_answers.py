"""Answers from a scripted model: one that grows as it streams, one that is reloaded
mid-stream, one with hostile Markdown."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from playwright.async_api import expect

from taskmate.assistant.wiring import AssistantPolicy
from tests.conftest import MakeUser
from tests.web.browsing import Browsing
from tests.web.chatting import open_chat, record_streamed_texts, send, streamed_texts
from tests.web.scripted import Gate, answering_with

HOSTILE = (
    "**Bold** <script>window.pwned = 'script'</script> "
    "[click me](javascript:window.pwned='link') "
    "<img src=x onerror=\"window.pwned='img'\"> <b>raw</b>"
)


@pytest.fixture
def assistant_policy() -> AssistantPolicy:
    return AssistantPolicy(answer=False)  # the script answers instead


async def test_the_answer_grows_while_it_streams(
    browsing: Browsing, make_user: MakeUser, app: FastAPI
) -> None:
    gate = Gate(words_before=3)
    text = "One two three four five six."
    async with answering_with(app, text, gate):
        page = await open_chat(browsing, await make_user(name="Ana"))
        await record_streamed_texts(page)
        await send(page, "count to six")
        answer = page.locator(".bubble.role-assistant")
        await expect(answer.locator(".body")).to_have_text("One two three")
        await expect(answer).to_have_attribute("data-status", "streaming")
        gate.open()
        await expect(answer).to_have_attribute("data-status", "completed")
        await expect(answer.locator(".body")).to_have_text(text)
    shown = await streamed_texts(page)
    assert shown[0].strip() == "One two three", shown
    assert shown[-1] == text, shown


async def test_a_reload_mid_answer_continues_the_answer(
    browsing: Browsing, make_user: MakeUser, app: FastAPI
) -> None:
    gate = Gate(words_before=4)
    text = "One two three four five six seven eight nine ten."
    async with answering_with(app, text, gate):
        page = await open_chat(browsing, await make_user(name="Ana"))
        await send(page, "count to ten")
        answer = page.locator(".bubble.role-assistant")
        await expect(answer).to_contain_text("One two three four")
        await expect(answer).to_have_attribute("data-status", "streaming")

        await page.reload()
        await expect(answer).to_contain_text("One two three four")
        gate.open()
        await expect(answer).to_have_attribute("data-status", "completed")
        await expect(answer.locator(".body")).to_have_text(text)


async def test_markdown_from_the_model_is_inert(
    browsing: Browsing, make_user: MakeUser, app: FastAPI
) -> None:
    async with answering_with(app, HOSTILE):
        page = await open_chat(browsing, await make_user(name="Ana"))
        await send(page, "show me something")
        answer = page.locator(".bubble.role-assistant")
        await expect(answer).to_have_attribute("data-status", "completed")
        body = answer.locator(".body")
        await expect(body.locator("strong")).to_have_text("Bold")
        await expect(body).to_contain_text("<b>raw</b>")
        assert await body.locator("script, img, b, [onerror]").count() == 0
        assert await body.locator("a[href^='javascript']").count() == 0
        await body.get_by_text("click me").click()
        assert await page.evaluate("window.pwned") is None
