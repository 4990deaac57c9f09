"""The sign-in page sends people on to where they were going, and only within this site."""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.async_api import Route

from tests.conftest import MakeUser
from tests.web.browsing import Browsing

# What follows `next=` in the address, as an attacker would write it: each of these has led
# somewhere else through a check that looks at the string instead of the resolved URL.
ESCAPES = [
    "//evil.example/x",
    "/%5Cevil.example/x",
    "/%5C/evil.example",
    "/%09/evil.example",
    "/%0A/evil.example",
    "%5C%5Cevil.example",
    "%2F%2Fevil.example",
    "///evil.example",
    "https://evil.example/",
    "https:evil.example",
    "javascript:alert(1)",
    "data:text/html,hello",
]


async def test_next_never_leaves_the_site(browsing: Browsing, make_user: MakeUser) -> None:
    page = await browsing.signed_in(await make_user())
    left: list[str] = []

    async def refuse_other_sites(route: Route) -> None:
        address = urlsplit(route.request.url)
        if address.netloc != urlsplit(browsing.server.http).netloc:
            left.append(route.request.url)
            await route.abort()
        elif route.request.is_navigation_request() and address.path != "/login":
            await route.fulfill(body="arrived", content_type="text/plain")  # quicker than the app
        else:
            await route.continue_()

    await page.route("**/*", refuse_other_sites)
    landed = {}
    for escape in ESCAPES:
        await page.goto(f"/login?next={escape}")
        await page.wait_for_url(lambda url: urlsplit(url).path != "/login")
        landed[escape] = page.url
    assert left == []
    assert landed == dict.fromkeys(ESCAPES, f"{browsing.server.http}/")


async def test_next_keeps_a_page_of_the_site(browsing: Browsing, make_user: MakeUser) -> None:
    page = await browsing.signed_in(await make_user())
    await page.goto("/login?next=/chat%3Fq%3Dmilk%23latest")
    await page.wait_for_url(lambda url: urlsplit(url).path != "/login")
    assert page.url == f"{browsing.server.http}/chat?q=milk#latest"
