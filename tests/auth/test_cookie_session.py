"""The web UI's cookie session and its CSRF protection."""

import httpx
import pytest

from tests.conftest import Account, MakeUser
from tests.helpers import assert_error


async def cookie_login(client: httpx.AsyncClient, user: Account) -> str:
    response = await client.post(
        "/api/v1/auth/login",
        json={"email": user.email, "password": user.password, "session": "cookie"},
    )
    assert response.status_code == 200
    assert set(response.json()) == {"user"}
    return client.cookies["taskmate_csrf"]


async def test_login_sets_the_three_cookies(client: httpx.AsyncClient, make_user: MakeUser) -> None:
    user = await make_user()
    response = await client.post(
        "/api/v1/auth/login",
        json={"email": user.email, "password": user.password, "session": "cookie"},
    )
    cookies = {
        header.split("=", 1)[0]: header for header in response.headers.get_list("set-cookie")
    }
    assert "HttpOnly" in cookies["taskmate_access"] and "Path=/;" in cookies["taskmate_access"]
    assert "SameSite=lax" in cookies["taskmate_access"]
    assert "HttpOnly" in cookies["taskmate_refresh"]
    assert "Path=/api/v1/auth" in cookies["taskmate_refresh"]
    assert "HttpOnly" not in cookies["taskmate_csrf"]


async def test_cookie_reads_need_no_csrf_header(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    await cookie_login(client, await make_user())
    assert (await client.get("/api/v1/me")).status_code == 200


async def test_cookie_writes_need_the_csrf_header(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    csrf = await cookie_login(client, await make_user())
    assert_error(await client.patch("/api/v1/me", json={"name": "Eve"}), 403, "forbidden")
    wrong = await client.patch("/api/v1/me", json={"name": "Eve"}, headers={"X-CSRF-Token": "x"})
    assert_error(wrong, 403, "forbidden")
    ok = await client.patch("/api/v1/me", json={"name": "Ada"}, headers={"X-CSRF-Token": csrf})
    assert ok.status_code == 200 and ok.json()["name"] == "Ada"


async def test_csrf_token_of_another_session_is_refused(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    await cookie_login(client, await make_user())
    stolen = "a" * 43
    client.cookies.set("taskmate_csrf", stolen)
    response = await client.patch(
        "/api/v1/me", json={"name": "x"}, headers={"X-CSRF-Token": stolen}
    )
    assert_error(response, 403, "forbidden")


async def test_cookie_refresh_rotates_the_cookies(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    csrf = await cookie_login(client, await make_user())
    old_refresh = client.cookies["taskmate_refresh"]
    assert_error(await client.post("/api/v1/auth/refresh"), 403, "forbidden")
    response = await client.post("/api/v1/auth/refresh", headers={"X-CSRF-Token": csrf})
    assert response.status_code == 200 and set(response.json()) == {"user"}
    assert client.cookies["taskmate_refresh"] != old_refresh


async def test_cookie_logout_clears_cookies_and_ends_the_session(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    csrf = await cookie_login(client, await make_user())
    access = client.cookies["taskmate_access"]
    response = await client.post("/api/v1/auth/logout", headers={"X-CSRF-Token": csrf})
    assert response.status_code == 204
    assert "taskmate_access" not in client.cookies
    replay = await client.get("/api/v1/me", headers={"Authorization": f"Bearer {access}"})
    assert_error(replay, 401, "unauthorized")


@pytest.mark.parametrize("method", ["bearer", "refresh_token"])
async def test_logout_ends_the_session_for_access_tokens_too(
    client: httpx.AsyncClient, make_user: MakeUser, method: str
) -> None:
    user = await make_user()
    if method == "bearer":
        response = await client.post("/api/v1/auth/logout", headers=user.headers)
    else:
        response = await client.post(
            "/api/v1/auth/logout", json={"refresh_token": user.refresh_token}
        )
    assert response.status_code == 204
    assert_error(await client.get("/api/v1/me", headers=user.headers), 401, "unauthorized")
    refresh = await client.post("/api/v1/auth/refresh", json={"refresh_token": user.refresh_token})
    assert_error(refresh, 401, "unauthorized")


async def test_logout_without_a_session(client: httpx.AsyncClient) -> None:
    assert_error(await client.post("/api/v1/auth/logout"), 401, "unauthorized")
