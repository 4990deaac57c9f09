"""Each answer can be copied as its Markdown source; the last one can be tried again by the
person who asked."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from playwright.async_api import expect

from taskmate.assistant.wiring import AssistantPolicy
from tests.conftest import MakeUser
from tests.live_server import LiveServer
from tests.web.browsing import Browsing
from tests.web.chatting import open_chat, send
from tests.web.scripted import answering_with

ANSWER = "Buy **oat** milk."


@pytest.fixture
def assistant_policy() -> AssistantPolicy:
    return AssistantPolicy(answer=False)  # the script answers instead


async def test_copy_takes_the_markdown_and_retry_answers_again(
    browsing: Browsing, make_user: MakeUser, app: FastAPI, server: LiveServer
) -> None:
    async with answering_with(app, ANSWER):
        page = await open_chat(browsing, await make_user(name="Ana"))
        await page.context.grant_permissions(
            ["clipboard-read", "clipboard-write"], origin=server.http
        )
        await send(page, "what should I buy?")
        answers = page.locator(".bubble.role-assistant[data-status=completed]")
        await expect(answers.locator(".body")).to_have_text("Buy oat milk.")

        await answers.get_by_role("button", name="Copy answer").click()
        await expect(page.locator(".toast span")).to_have_text("Copied.")
        assert await page.evaluate("navigator.clipboard.readText()") == ANSWER

        await answers.get_by_role("button", name="Retry answer").click()
        await expect(answers).to_have_count(2)
        await expect(page.get_by_role("button", name="Retry answer")).to_have_count(1)
        await expect(answers.last.get_by_role("button", name="Retry answer")).to_be_visible()
