"""`/docs` works without the internet: Swagger UI comes from this server, and the page's
policy allows its one inline script and nothing else."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import httpx
from playwright.async_api import Route, expect

from taskmate.web.api_docs import inline_script_sources
from tests.web.browsing import Browsing

URL = re.compile(r"""(?:src|href|url)\s*[=:]\s*['"]([^'"]+)['"]""")


async def test_the_docs_page_names_only_this_site(client: httpx.AsyncClient) -> None:
    response = await client.get("/docs")
    assert response.status_code == 200
    named = URL.findall(response.text)
    assert len(named) >= 4  # stylesheet, favicon, bundle, schema
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


async def test_the_docs_render_with_the_internet_blocked(browsing: Browsing) -> None:
    page = await (await browsing.context()).new_page()
    site = urlsplit(browsing.server.http).netloc
    refused: list[str] = []

    async def local_only(route: Route) -> None:
        if urlsplit(route.request.url).netloc == site:
            await route.continue_()
        else:
            refused.append(route.request.url)
            await route.abort()

    await page.route("**/*", local_only)
    policy_refusals: list[str] = []
    page.on("console", lambda message: policy_refusals.append(message.text))
    await page.goto("/docs")
    await expect(
        page.locator(".opblock-summary-path", has_text="/api/v1/tasks").first
    ).to_be_visible()
    assert refused == []
    assert [text for text in policy_refusals if "Content Security Policy" in text] == []
