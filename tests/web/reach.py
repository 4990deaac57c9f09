"""Layout checks: nothing wider than the window, and every visible control reachable with
the Tab key and shown inside the window when focused."""

from __future__ import annotations

from typing import Any

from playwright.async_api import Page

MARK_CONTROLS = """() => {
  const selector =
    'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])';
  const controls = [...document.querySelectorAll(selector)].filter((element) =>
    !element.disabled && element.checkVisibility({visibilityProperty: true}));
  controls.forEach((element, index) => { element.dataset.probe = String(index); });
  return controls.length;
}"""

FOCUSED = """() => {
  const element = document.activeElement;
  const box = element.getBoundingClientRect();
  return {probe: element.dataset.probe ?? null, left: box.left, right: box.right,
          label: element.getAttribute("aria-label") || element.textContent.trim().slice(0, 30)};
}"""


async def horizontal_overflow(page: Page) -> int:
    overflow: int = await page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    return overflow


async def unreachable_controls(page: Page) -> list[Any]:
    """Controls that Tab never focused, or that showed outside the window when focused."""
    count: int = await page.evaluate(MARK_CONTROLS)
    width: int = await page.evaluate("window.innerWidth")
    await page.evaluate("document.activeElement?.blur()")
    reached: set[str] = set()
    outside: list[Any] = []
    for _ in range(count + 5):
        await page.keyboard.press("Tab")
        focused = await page.evaluate(FOCUSED)
        if focused["probe"] is None:
            continue
        reached.add(focused["probe"])
        if focused["left"] < 0 or focused["right"] > width + 0.5:
            outside.append(focused)
    missing = [str(index) for index in range(count) if str(index) not in reached]
    labels: list[Any] = await page.evaluate(
        "(missing) => missing.map((probe) => document.querySelector(`[data-probe='${probe}']`)"
        ".outerHTML.slice(0, 80))",
        missing,
    )
    return labels + outside


TAP_TARGET_PX = 44

SMALL_TARGETS = """(least) => {
  const selector = 'a[href], button, input, select, textarea, summary';
  return [...document.querySelectorAll(selector)]
    .filter((element) => !element.disabled && !element.closest(".body")
      && element.checkVisibility({visibilityProperty: true}))
    .map((element) => ({element, box: element.getBoundingClientRect()}))
    .filter(({box}) => box.right > 0 && box.left < innerWidth)
    .filter(({box}) => box.width < least - 0.5 || box.height < least - 0.5)
    .map(({element, box}) => `${element.outerHTML.slice(0, 60)} ${box.width}x${box.height}`);
}"""


async def small_tap_targets(page: Page) -> list[str]:
    """Visible controls in the window smaller than 44 by 44 CSS px, the least a finger hits
    reliably; links inside a message's text are exempt, as in a sentence."""
    small: list[str] = await page.evaluate(SMALL_TARGETS, TAP_TARGET_PX)
    return small
