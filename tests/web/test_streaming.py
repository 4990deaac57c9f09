"""The offline assistant types its reply out: the text shows in steps before it completes."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.async_api import expect

from tests.conftest import MakeUser
from tests.web.browsing import Browsing
from tests.web.chatting import open_chat, record_streamed_texts, send, streamed_texts


@pytest.fixture
def settings_overrides(settings_overrides: dict[str, Any]) -> dict[str, Any]:
    return {**settings_overrides, "offline_typing_seconds": 1}


async def test_the_offline_assistant_types_its_reply_out(
    browsing: Browsing, make_user: MakeUser
) -> None:
    page = await open_chat(browsing, await make_user(name="Ana"))
    await record_streamed_texts(page)
    await send(page, "add buy milk tomorrow at 5pm")
    answer = page.locator(".bubble.role-assistant")
    await expect(answer).to_have_attribute("data-status", "completed")
    final = await answer.locator(".body").text_content() or ""
    shown = await streamed_texts(page)
    assert len(shown) >= 2, shown
    assert all(final.startswith(part) and len(part) < len(final) for part in shown), shown
