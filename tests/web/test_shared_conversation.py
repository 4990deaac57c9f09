"""Two people in one conversation see each other's messages, typing and presence; once the
owner finalizes it, nobody can write in it any more."""

from __future__ import annotations

from playwright.async_api import Page, expect

from tests.conftest import MakeUser
from tests.web.browsing import Browsing
from tests.web.chatting import conversation_id, open_chat, send

FORCED_SEND = """async (id) => {
  const csrf = document.cookie.split("; ").find((c) => c.startsWith("taskmate_csrf=")).slice(14);
  const response = await fetch(`/api/v1/conversations/${id}/messages`, {
    method: "POST",
    headers: {"Content-Type": "application/json", "X-CSRF-Token": csrf},
    body: JSON.stringify({client_id: crypto.randomUUID(), content: "let me in"}),
  });
  return [response.status, (await response.json()).error.code];
}"""


async def shared(browsing: Browsing, make_user: MakeUser) -> tuple[Page, Page]:
    ana = await open_chat(browsing, await make_user(name="Ana"))
    bea_account = await make_user(name="Bea", email="bea@example.com")
    await ana.get_by_role("button", name="Invite").click()
    await ana.get_by_label("Email of the person to invite").fill("bea@example.com")
    await ana.get_by_role("button", name="Invite", exact=True).last.click()
    await expect(ana.get_by_text("bea@example.com can now see")).to_be_visible()
    bea = await open_chat(browsing, bea_account, f"/chat/{conversation_id(ana)}")
    return ana, bea


async def test_participants_see_messages_typing_and_presence(
    browsing: Browsing, make_user: MakeUser
) -> None:
    ana, bea = await shared(browsing, make_user)
    await expect(ana.locator(".presence")).to_contain_text("Bea (here)")
    await expect(bea.locator(".presence")).to_contain_text("Ana (here)")

    await ana.get_by_role("textbox", name="Message").fill("hello Bea")
    await expect(bea.locator(".typing")).to_have_text("Ana is typing…")
    await ana.get_by_role("textbox", name="Message").press("Enter")
    from_ana = bea.locator(".bubble.role-user", has_text="hello Bea")
    await expect(from_ana.locator(".author")).to_have_text("Ana")
    await expect(bea.locator(".typing")).not_to_have_text("Ana is typing…")

    await send(bea, "hello Ana")
    await expect(ana.locator(".bubble.role-user .author")).to_have_text("Bea")
    await bea.close()
    await expect(ana.locator(".presence")).to_contain_text("Bea (away)")


async def test_a_finalized_conversation_refuses_writes(
    browsing: Browsing, make_user: MakeUser
) -> None:
    ana, bea = await shared(browsing, make_user)
    await ana.get_by_role("button", name="Finalize").click()
    await ana.get_by_role("dialog").get_by_role("button", name="Finalize").click()

    for page in (ana, bea):
        await expect(page.get_by_role("textbox", name="Message")).to_be_disabled()
        await expect(page.get_by_text("This conversation is finalized")).to_be_visible()
        await expect(page.get_by_text("Finalized (read-only)")).to_be_visible()
        refused = await page.evaluate(FORCED_SEND, conversation_id(ana))
        assert refused == [409, "conversation_finalized"]
