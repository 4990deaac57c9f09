"""Login and sign-up rate limits, per IP (behind trusted proxies) and per account."""

from typing import Any

import httpx
import pytest

from tests.conftest import MakeUser
from tests.helpers import assert_error

LOGIN = "/api/v1/auth/login"


async def attempt(client: httpx.AsyncClient, email: str, **headers: str) -> httpx.Response:
    return await client.post(
        LOGIN, json={"email": email, "password": "not the password"}, headers=headers
    )


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    return {"rate_login_per_minute": 3, "trusted_proxies": "10.0.0.0/8"}


async def test_login_is_limited_per_account(client: httpx.AsyncClient, make_user: MakeUser) -> None:
    user = await make_user()
    for index in range(3):
        response = await attempt(client, user.email, **{"X-Forwarded-For": f"1.1.1.{index}"})
        assert response.status_code == 401
    # A fresh IP does not help: the account itself is limited now.
    limited = await attempt(client, user.email.upper())
    error = assert_error(limited, 429, "rate_limited")
    assert int(limited.headers["Retry-After"]) == error["details"]["retry_after"] > 0


async def test_login_is_limited_per_ip(client: httpx.AsyncClient) -> None:
    for index in range(3):
        assert (await attempt(client, f"someone{index}@example.com")).status_code == 401
    assert_error(await attempt(client, "someone-else@example.com"), 429, "rate_limited")


async def test_forwarded_for_is_believed_only_from_trusted_proxies() -> None:
    from starlette.requests import Request

    from taskmate.api.client_ip import client_ip
    from taskmate.config import Settings

    trusted = Settings(trusted_proxies="10.0.0.0/8").trusted_proxies

    def request(peer: str, forwarded: str) -> Request:
        headers = [(b"x-forwarded-for", forwarded.encode())]
        return Request({"type": "http", "client": (peer, 1), "headers": headers})

    assert client_ip(request("10.0.0.2", "203.0.113.9, 10.0.0.7"), trusted) == "203.0.113.9"
    assert client_ip(request("198.51.100.1", "203.0.113.9"), trusted) == "198.51.100.1"
    assert client_ip(request("10.0.0.2", "6.6.6.6, 203.0.113.9"), trusted) == "203.0.113.9"
    assert client_ip(request("10.0.0.2", ""), []) == "10.0.0.2"


async def test_registration_is_limited_per_ip(client: httpx.AsyncClient) -> None:
    statuses = []
    for index in range(21):
        response = await client.post(
            "/api/v1/auth/register",
            json={"email": f"new{index}@example.com", "password": "x"},
        )
        statuses.append(response.status_code)
    assert statuses[:20] == [422] * 20
    assert statuses[20] == 429
