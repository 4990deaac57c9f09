"""When WebSockets fail, live updates come over Server-Sent Events; when those fail too,
by polling. Either way the assistant's answer shows up without a reload."""

from __future__ import annotations

from playwright.async_api import Page, Request, Route, WebSocketRoute, expect

from tests.conftest import MakeUser
from tests.web.browsing import Browsing
from tests.web.chatting import send


async def refuse_socket(socket: WebSocketRoute) -> None:
    await socket.close()


async def refuse_stream(route: Route) -> None:
    await route.fulfill(status=503, body="")


async def chat_without_websockets(
    browsing: Browsing, make_user: MakeUser
) -> tuple[Page, list[str]]:
    page = await browsing.signed_in(await make_user(name="Ana"))
    requested: list[str] = []

    def record(request: Request) -> None:
        requested.append(request.url)

    page.on("request", record)
    await page.route_web_socket("**/api/v1/ws", refuse_socket)
    return page, requested


async def answered(page: Page) -> None:
    await page.goto("/chat")
    await expect(page.locator(".topbar .status")).to_have_text("Connected (fallback)")
    await send(page, "add buy milk tomorrow at 5pm")
    answer = page.locator(".bubble.role-assistant")
    await expect(answer).to_have_attribute("data-status", "completed")
    await expect(answer).to_contain_text("buy milk")


async def test_event_streams_carry_the_answer_when_websockets_fail(
    browsing: Browsing, make_user: MakeUser
) -> None:
    page, requested = await chat_without_websockets(browsing, make_user)
    await answered(page)
    assert any(url.endswith("/api/v1/events") for url in requested)
    assert any("/events?after_seq=" in url for url in requested)
    assert not any("items?after_seq=" in url for url in requested)


async def test_polling_carries_the_answer_when_event_streams_fail_too(
    browsing: Browsing, make_user: MakeUser
) -> None:
    page, requested = await chat_without_websockets(browsing, make_user)
    await page.route("**/events*", refuse_stream)
    await answered(page)
    assert any("items?after_seq=" in url for url in requested)
