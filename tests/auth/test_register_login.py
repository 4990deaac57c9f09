from typing import Any

import httpx
import pytest

from tests.conftest import MakeUser
from tests.helpers import assert_error, error_fields

REGISTER = "/api/v1/auth/register"
LOGIN = "/api/v1/auth/login"


async def register(client: httpx.AsyncClient, **body: Any) -> httpx.Response:
    payload = {"email": "ada@example.com", "password": "a long password"} | body
    return await client.post(REGISTER, json=payload)


async def test_register_returns_a_working_token_pair(client: httpx.AsyncClient) -> None:
    response = await register(client, name="Ada", timezone="Europe/Berlin")
    assert response.status_code == 201
    body = response.json()
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == 15 * 60
    assert body["user"] == {
        "id": body["user"]["id"],
        "email": "ada@example.com",
        "name": "Ada",
        "timezone": "Europe/Berlin",
        "default_reminder_minutes": None,
        "clock": "12h",
        "date_format": "mdy",
        "week_start": "monday",
        "theme": "system",
    }
    me = await client.get("/api/v1/me", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert me.json() == body["user"]


async def test_email_is_case_insensitive(client: httpx.AsyncClient) -> None:
    assert (await register(client, email="Ada@Example.COM")).status_code == 201
    assert_error(await register(client, email="ada@example.com"), 409, "conflict")
    login = await client.post(
        LOGIN, json={"email": "ADA@example.com", "password": "a long password"}
    )
    assert login.status_code == 200


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"password": "short"}, "password"),
        ({"email": "not-an-email"}, "email"),
        ({"timezone": "Mars/Olympus"}, "timezone"),
        ({"session": "carrier-pigeon"}, "session"),
        ({"unexpected": 1}, "unexpected"),
    ],
)
async def test_register_rejects_bad_input(
    client: httpx.AsyncClient, body: dict[str, Any], field: str
) -> None:
    assert field in error_fields(await register(client, **body))


async def test_wrong_password_and_unknown_email_look_the_same(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user()
    wrong = await client.post(LOGIN, json={"email": user.email, "password": "wrong password"})
    unknown = await client.post(LOGIN, json={"email": "nobody@example.com", "password": "x" * 9})
    assert assert_error(wrong, 401, "unauthorized") == assert_error(unknown, 401, "unauthorized")


async def test_login_opens_a_new_session(client: httpx.AsyncClient, make_user: MakeUser) -> None:
    user = await make_user()
    response = await client.post(LOGIN, json={"email": user.email, "password": user.password})
    assert response.status_code == 200
    assert response.json()["access_token"] != user.access_token


@pytest.mark.parametrize("settings_overrides", [{"signups": "closed"}])
async def test_closed_signups_refuse_registration(client: httpx.AsyncClient) -> None:
    assert_error(await register(client), 403, "forbidden")


async def test_malformed_json_is_a_bad_request(client: httpx.AsyncClient) -> None:
    response = await client.post(
        REGISTER, content=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert_error(response, 400, "bad_request")


async def test_nul_in_the_login_email_is_a_validation_error(client: httpx.AsyncClient) -> None:
    response = await client.post(LOGIN, json={"email": "a\u0000@example.com", "password": "x"})
    assert error_fields(response) == {"email"}
