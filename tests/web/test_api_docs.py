"""`/docs` and `/redoc` work without the internet: Swagger UI and ReDoc come from this
server; the Swagger page's policy allows its one inline script and nothing else, ReDoc's
allows inline styles but no script besides the site's files."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import httpx
import pytest
from playwright.async_api import Page, Route, expect

from taskmate.web.api_docs import inline_script_sources
from tests.web.browsing import Browsing

URL = re.compile(r"""(?:src|href|url)\s*[=:]\s*['"]([^'"]+)['"]""")


@pytest.mark.parametrize(
    ("path", "files"),
    [("/docs", 4), ("/redoc", 3)],  # stylesheet (Swagger UI only), favicon, bundle, schema
)
async def test_the_docs_pages_name_only_this_site(
    client: httpx.AsyncClient, path: str, files: int
) -> None:
    response = await client.get(path)
    assert response.status_code == 200
    named = URL.findall(response.text)
    assert len(named) >= files
    assert [url for url in named if urlsplit(url).netloc or not url.startswith("/")] == []
    for url in named:
        assert (await client.get(url)).status_code == 200, url


async def test_the_docs_policy_allows_its_own_inline_script_only(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get("/docs")
    policy = response.headers["content-security-policy"]
    (script,) = inline_script_sources(response.text)
    assert f"script-src 'self' {script};" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    other = (await client.get("/login")).headers["content-security-policy"]
    assert "script-src 'self';" in other


async def test_redoc_allows_inline_styles_but_no_inline_script(
    client: httpx.AsyncClient,
) -> None:
    policy = (await client.get("/redoc")).headers["content-security-policy"]
    assert "script-src 'self';" in policy
    assert "style-src 'self' 'unsafe-inline';" in policy
    assert "unsafe-eval" not in policy


class Offline:
    """A page whose requests to any other site are refused, as on a network without the
    internet; what the browser refused on its policy is kept too."""

    def __init__(self, page: Page, site: str) -> None:
        self.page = page
        self.site = site
        self.refused: list[str] = []
        self.console: list[str] = []
        page.on("console", lambda message: self.console.append(message.text))

    @classmethod
    async def open(cls, browsing: Browsing, path: str) -> Offline:
        page = await (await browsing.context()).new_page()
        offline = cls(page, urlsplit(browsing.server.http).netloc)
        await page.route("**/*", offline.local_only)
        await page.goto(path)
        return offline

    async def local_only(self, route: Route) -> None:
        if urlsplit(route.request.url).netloc == self.site:
            await route.continue_()
        else:
            self.refused.append(route.request.url)
            await route.abort()

    def policy_refusals(self) -> list[str]:
        return [text for text in self.console if "Content Security Policy" in text]


async def test_the_docs_render_with_the_internet_blocked(browsing: Browsing) -> None:
    offline = await Offline.open(browsing, "/docs")
    await expect(
        offline.page.locator(".opblock-summary-path", has_text="/api/v1/tasks").first
    ).to_be_visible()
    assert offline.refused == []
    assert offline.policy_refusals() == []


async def test_redoc_renders_and_searches_with_the_internet_blocked(browsing: Browsing) -> None:
    offline = await Offline.open(browsing, "/redoc")
    page = offline.page
    await expect(page.get_by_role("heading", name="Taskmate")).to_be_visible()
    await expect(page.get_by_text("/api/v1/auth/register", exact=True).first).to_be_visible()
    await page.get_by_placeholder("Search...").fill("reminder")  # its search runs in a worker
    await expect(page.locator("[data-role='search:results']")).to_contain_text("Add Reminder")
    assert offline.refused == []
    # Only Redocly's logo, which ReDoc leaves out when it cannot load.
    assert [text for text in offline.policy_refusals() if "cdn.redoc.ly" not in text] == []
