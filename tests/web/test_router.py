"""Pages redirect signed-out visitors on the server, carry a strict security policy, and
static assets are revalidated cheaply."""

from __future__ import annotations

import re
from pathlib import Path

import httpx

from taskmate.web.router import STATIC_DIR
from tests.conftest import Account, MakeUser

CACHED = re.compile(r'"/static/([^"]+)"')
IMPORT = re.compile(r"""(?:import|from)\s*(?:[\w{}\s,*]+from\s*)?["'](\.{1,2}/[^"']+)["']""")
ASSET = re.compile(r"""(?:src|href)="/static/([^"]+)\"""")


async def cookie_session(client: httpx.AsyncClient, account: Account) -> None:
    response = await client.post(
        "/api/v1/auth/login",
        json={"email": account.email, "password": account.password, "session": "cookie"},
    )
    assert response.status_code == 200


async def test_signed_out_visitors_are_sent_to_login_with_the_page_to_return_to(
    client: httpx.AsyncClient,
) -> None:
    for path in ("/", "/chat", "/chat/0b8f4a1e-5d8e-4a52-9a49-4b8a0f7d9f10", "/settings"):
        response = await client.get(path)
        assert response.status_code == 303
        assert response.headers["location"] == f"/login?next={path}"
    response = await client.get("/?task=12")  # an open task's detail comes back after login
    assert response.headers["location"] == "/login?next=/%3Ftask%3D12"
    response = await client.get("/?label=home office")
    assert response.headers["location"] == "/login?next=/%3Flabel%3Dhome%2520office"
    client.cookies.set("taskmate_access", "not-a-token")
    assert (await client.get("/")).status_code == 303


async def test_signed_in_pages_are_served_with_a_strict_policy(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    await cookie_session(client, await make_user())
    pages = ("/", "/chat", "/chat/0b8f4a1e-5d8e-4a52-9a49-4b8a0f7d9f10", "/login", "/signup")
    for path in (*pages, "/offline"):
        response = await client.get(path)
        assert response.status_code == 200, path
        assert response.headers["content-type"].startswith("text/html")
        policy = response.headers["content-security-policy"]
        assert "script-src 'self';" in policy
        assert "connect-src 'self' ws://127.0.0.1:8000 wss://127.0.0.1:8000;" in policy
        assert "frame-ancestors 'none'" in policy
        assert "unsafe-inline" not in policy
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "same-origin"
        assert "<script>" not in response.text  # no inline script: only modules from /static


async def test_a_forged_host_header_stays_out_of_the_policy(client: httpx.AsyncClient) -> None:
    response = await client.get("/login", headers={"host": "evil; script-src *"})
    policy = response.headers["content-security-policy"]
    assert "evil" not in policy
    assert "connect-src 'self';" in policy


async def test_static_assets_are_revalidated_with_their_etag(client: httpx.AsyncClient) -> None:
    response = await client.get("/static/js/api.js")
    assert response.status_code == 200
    assert "javascript" in response.headers["content-type"]
    assert response.headers["cache-control"] == "no-cache"
    assert response.headers["x-content-type-options"] == "nosniff"
    again = await client.get(
        "/static/js/api.js", headers={"if-none-match": response.headers["etag"]}
    )
    assert again.status_code == 304
    assert again.content == b""


def test_every_module_and_asset_a_page_names_ships_in_the_package() -> None:
    named: list[Path] = []
    for page in STATIC_DIR.glob("*.html"):
        named += [STATIC_DIR / asset for asset in ASSET.findall(page.read_text())]
    for module in STATIC_DIR.rglob("*.js"):
        named += [
            (module.parent / target).resolve() for target in IMPORT.findall(module.read_text())
        ]
    assert len(named) > 20
    assert [path for path in named if not path.is_file()] == []


def needed_by(page: str) -> set[Path]:
    """The files ``page`` loads: what it names, and every module those import, in turn."""
    found: set[Path] = set()
    waiting = [STATIC_DIR / asset for asset in ASSET.findall((STATIC_DIR / page).read_text())]
    while waiting:
        path = waiting.pop().resolve()
        if path in found:
            continue
        found.add(path)
        if path.suffix == ".js":
            waiting += [path.parent / target for target in IMPORT.findall(path.read_text())]
    return found


def test_the_service_worker_keeps_every_file_the_offline_page_needs() -> None:
    kept = CACHED.findall((STATIC_DIR / "js" / "sw_offline.js").read_text())
    assert {(STATIC_DIR / path).resolve() for path in kept} == needed_by("offline.html")
