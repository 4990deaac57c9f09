"""Browser contexts for one test, signed in through the cookie session, failing the test
on any script error in a page."""

from __future__ import annotations

import os
from pathlib import Path

from playwright.async_api import Browser, BrowserContext, Page, ViewportSize

from tests.conftest import PASSWORD, Account
from tests.live_server import LiveServer

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path("test-results")
README_SCREENSHOTS = Path("docs/screenshots")
DESKTOP: ViewportSize = {"width": 1440, "height": 900}
PHONE: ViewportSize = {"width": 360, "height": 740}
DEADLINE_MS = 10_000


def readme_screenshots_wanted() -> bool:
    return os.environ.get("TASKMATE_TEST_SCREENSHOTS") == "1"


class Browsing:
    def __init__(self, browser: Browser, server: LiveServer) -> None:
        self.browser = browser
        self.server = server
        self.contexts: list[BrowserContext] = []
        self.errors: list[str] = []

    async def context(
        self, *, viewport: ViewportSize = DESKTOP, color_scheme: str = "light"
    ) -> BrowserContext:
        context = await self.browser.new_context(
            base_url=self.server.http,
            viewport=viewport,
            color_scheme="dark" if color_scheme == "dark" else "light",
            timezone_id="UTC",
            locale="en-US",
        )
        context.set_default_timeout(DEADLINE_MS)
        context.on("weberror", lambda error: self.errors.append(str(error.error)))
        self.contexts.append(context)
        return context

    async def signed_in(
        self, account: Account, *, viewport: ViewportSize = DESKTOP, color_scheme: str = "light"
    ) -> Page:
        """A page of a new context whose cookies hold a session of ``account``."""
        context = await self.context(viewport=viewport, color_scheme=color_scheme)
        response = await context.request.post(
            "/api/v1/auth/login",
            data={"email": account.email, "password": PASSWORD, "session": "cookie"},
        )
        assert response.ok, await response.text()
        return await context.new_page()

    async def close(self) -> None:
        for context in self.contexts:
            await context.close()
        assert not self.errors, f"scripts failed in the page: {self.errors}"
