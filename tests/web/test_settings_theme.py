"""Settings → theme: a dark choice shows on the very first frame of the next page, before the
account is even read, so the page never flashes light; the phone layout has no sideways
scroll."""

from __future__ import annotations

from playwright.async_api import Route, expect

from tests.conftest import MakeUser
from tests.web.browsing import PHONE, Browsing
from tests.web.reach import horizontal_overflow

DARK_BACKGROUND = "rgb(15, 18, 22)"
LIGHT_BACKGROUND = "rgb(246, 247, 249)"
# What the first frame looks like: rendering waits for the stylesheet and the boot script.
RECORD_FIRST_FRAME = """
requestAnimationFrame(() => {
  window.firstFrame = {
    theme: document.documentElement.dataset.theme ?? null,
    background: getComputedStyle(document.documentElement).backgroundColor,
  };
});
"""


async def test_dark_theme_is_there_on_the_first_frame_after_a_reload(
    browsing: Browsing, make_user: MakeUser
) -> None:
    page = await browsing.signed_in(await make_user())  # the system's scheme is light
    await page.goto("/settings")
    await expect(page.locator("html")).not_to_have_attribute("data-theme", "dark")
    await page.get_by_label("Theme").select_option("dark")
    await expect(page.get_by_text("Theme: Dark.")).to_be_visible()
    await expect(page.locator("html")).to_have_attribute("data-theme", "dark")

    held: list[Route] = []
    await page.route("**/api/v1/me", lambda route: held.append(route))  # the account waits
    await page.add_init_script(RECORD_FIRST_FRAME)
    await page.goto("/", wait_until="commit")
    await page.wait_for_function("() => window.firstFrame !== undefined")
    first = await page.evaluate("window.firstFrame")
    assert first == {"theme": "dark", "background": DARK_BACKGROUND}
    await page.unroute("**/api/v1/me")
    for route in held:
        await route.continue_()
    await expect(page.locator("body")).to_have_attribute("data-ready", "true")
    await expect(page.locator("html")).to_have_attribute("data-theme", "dark")


async def test_light_theme_wins_over_a_dark_system(browsing: Browsing, make_user: MakeUser) -> None:
    context = await browsing.context(color_scheme="dark")
    user = await make_user()
    await context.request.post(
        "/api/v1/auth/login",
        data={"email": user.email, "password": user.password, "session": "cookie"},
    )
    page = await context.new_page()
    await page.goto("/settings")
    html = page.locator("html")
    await expect(html).to_have_css("background-color", DARK_BACKGROUND)
    await page.get_by_label("Theme").select_option("light")
    await expect(html).to_have_css("background-color", LIGHT_BACKGROUND)
    await page.reload()
    await expect(html).to_have_css("background-color", LIGHT_BACKGROUND)


async def test_the_settings_page_fits_a_phone(browsing: Browsing, make_user: MakeUser) -> None:
    page = await browsing.signed_in(await make_user(), viewport=PHONE)
    await page.goto("/settings")
    await expect(page.locator("body")).to_have_attribute("data-ready", "true")
    await expect(page.get_by_role("button", name="Sign out everywhere")).to_be_visible()
    assert await horizontal_overflow(page) <= 0
