"""``POST /auth/logout-everywhere``: every session of the account ends, this one included."""

import httpx

from tests.conftest import MakeUser
from tests.helpers import assert_error


async def test_every_session_ends_and_other_accounts_keep_theirs(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user()
    stranger = await make_user()
    other = await client.post(
        "/api/v1/auth/login", json={"email": user.email, "password": user.password}
    )
    other_tokens = other.json()
    response = await client.post("/api/v1/auth/logout-everywhere", headers=user.headers)
    assert response.status_code == 204
    assert_error(await client.get("/api/v1/me", headers=user.headers), 401, "unauthorized")
    other_headers = {"Authorization": f"Bearer {other_tokens['access_token']}"}
    assert_error(await client.get("/api/v1/me", headers=other_headers), 401, "unauthorized")
    refreshed = await client.post(
        "/api/v1/auth/refresh", json={"refresh_token": other_tokens["refresh_token"]}
    )
    assert_error(refreshed, 401, "unauthorized")
    assert (await client.get("/api/v1/me", headers=stranger.headers)).status_code == 200
    again = await client.post(
        "/api/v1/auth/login", json={"email": user.email, "password": user.password}
    )
    assert again.status_code == 200


async def test_a_cookie_session_needs_the_csrf_header_and_loses_its_cookies(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user()
    await client.post(
        "/api/v1/auth/login",
        json={"email": user.email, "password": user.password, "session": "cookie"},
    )
    csrf = client.cookies["taskmate_csrf"]
    assert_error(await client.post("/api/v1/auth/logout-everywhere"), 403, "forbidden")
    response = await client.post("/api/v1/auth/logout-everywhere", headers={"X-CSRF-Token": csrf})
    assert response.status_code == 204
    cleared = response.headers.get_list("set-cookie")
    assert any(
        header.startswith("taskmate_access=") and "Max-Age=0" in header for header in cleared
    )
    assert_error(await client.get("/api/v1/me"), 401, "unauthorized")


async def test_without_a_session_it_is_a_401(client: httpx.AsyncClient) -> None:
    assert_error(await client.post("/api/v1/auth/logout-everywhere"), 401, "unauthorized")
