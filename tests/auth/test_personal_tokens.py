"""Personal access tokens over REST: created once, listed without the secret, limited by
their scopes, recorded when used (at most once a minute), revoked at once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy import select

from taskmate.api.runtime import Runtime
from taskmate.auth.models import PersonalAccessToken
from tests.auth.personal_tokens import bearer, create_token
from tests.auth.test_refresh import Clock
from tests.conftest import MakeUser
from tests.helpers import assert_error, error_fields

TOKENS = "/api/v1/tokens"


async def test_a_token_is_shown_once_and_listed_without_its_secret(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    user = await make_user()
    created = await create_token(
        client, user, ["tasks:read"], name="Laptop script", expires_in_days=30
    )
    secret = created["token"]
    assert secret.startswith("tm_pat_") and len(secret) > 40
    assert created["name"] == "Laptop script" and created["scopes"] == ["tasks:read"]
    assert created["last_used_at"] is None
    created_at = datetime.fromisoformat(created["created_at"])
    expires_at = datetime.fromisoformat(created["expires_at"])
    assert expires_at - created_at == timedelta(days=30)
    assert created["hint"] == "tm_pat_…" + secret[-4:]

    listed = (await client.get(TOKENS, headers=user.headers)).json()["items"]
    assert listed == [{key: value for key, value in created.items() if key != "token"}]
    async with runtime.database.session() as session:
        stored = (await session.scalars(select(PersonalAccessToken))).one()
    assert secret not in repr(vars(stored)) and stored.token_hash != secret


async def test_the_token_acts_as_its_user_within_its_scopes(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user, other = await make_user(), await make_user()
    mine = await client.post("/api/v1/tasks", json={"title": "mine"}, headers=user.headers)
    theirs = await client.post("/api/v1/tasks", json={"title": "theirs"}, headers=other.headers)
    reader = bearer((await create_token(client, user, ["tasks:read"]))["token"])

    listed = (await client.get("/api/v1/tasks", headers=reader)).json()["items"]
    assert [task["title"] for task in listed] == ["mine"]
    assert (await client.get(f"/api/v1/tasks/{mine.json()['id']}", headers=reader)).is_success
    assert_error(
        await client.get(f"/api/v1/tasks/{theirs.json()['id']}", headers=reader), 404, "not_found"
    )
    error = assert_error(
        await client.post("/api/v1/tasks", json={"title": "x"}, headers=reader),
        403,
        "insufficient_scope",
    )
    assert error["details"] == {"required_scope": "tasks:write", "granted_scopes": ["tasks:read"]}
    assert_error(
        await client.delete(f"/api/v1/tasks/{mine.json()['id']}", headers=reader),
        403,
        "insufficient_scope",
    )
    assert_error(
        await client.get("/api/v1/conversations", headers=reader), 403, "insufficient_scope"
    )
    assert (await client.get("/api/v1/me", headers=reader)).json()["id"] == user.id


async def test_write_includes_read_and_chat_reaches_conversations_only(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user()
    writer = bearer((await create_token(client, user, ["tasks:write"]))["token"])
    created = await client.post("/api/v1/tasks", json={"title": "x"}, headers=writer)
    assert created.status_code == 201
    assert (await client.get("/api/v1/tasks", headers=writer)).status_code == 200

    talker = bearer((await create_token(client, user, ["chat"]))["token"])
    conversation = await client.post("/api/v1/conversations", json={}, headers=talker)
    assert conversation.status_code == 201
    assert_error(await client.get("/api/v1/projects", headers=talker), 403, "insufficient_scope")


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", TOKENS),
        ("POST", TOKENS),
        ("DELETE", TOKENS + "/00000000-0000-0000-0000-000000000000"),
        ("PATCH", "/api/v1/me"),
        ("DELETE", "/api/v1/me"),
        ("GET", "/api/v1/me/export"),
        ("POST", "/api/v1/auth/password"),
    ],
)
async def test_account_and_token_management_need_a_session(
    client: httpx.AsyncClient, make_user: MakeUser, method: str, path: str
) -> None:
    user = await make_user()
    token = bearer((await create_token(client, user))["token"])
    body = {"name": "x", "scopes": ["chat"]} if method == "POST" else None
    response = await client.request(method, path, json=body, headers=token)
    assert_error(response, 403, "forbidden")


async def test_revoking_ends_the_token_at_once_and_only_for_its_owner(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user, other = await make_user(), await make_user()
    created = await create_token(client, user)
    token = bearer(created["token"])
    assert (await client.get("/api/v1/tasks", headers=token)).status_code == 200

    refused = await client.delete(f"{TOKENS}/{created['id']}", headers=other.headers)
    assert_error(refused, 404, "not_found")
    assert (await client.get("/api/v1/tasks", headers=token)).status_code == 200

    assert (
        await client.delete(f"{TOKENS}/{created['id']}", headers=user.headers)
    ).status_code == 204
    assert_error(await client.get("/api/v1/tasks", headers=token), 401, "unauthorized")
    assert (await client.get(TOKENS, headers=user.headers)).json()["items"] == []
    again = await client.delete(f"{TOKENS}/{created['id']}", headers=user.headers)
    assert_error(again, 404, "not_found")


async def test_last_used_is_written_at_most_once_a_minute(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    clock = Clock()
    runtime.clock = clock
    user = await make_user()
    token = bearer((await create_token(client, user))["token"])

    async def last_used() -> str | None:
        listed = (await client.get(TOKENS, headers=user.headers)).json()["items"]
        value: str | None = listed[0]["last_used_at"]
        return value

    await client.get("/api/v1/tasks", headers=token)
    first = await last_used()
    assert first is not None and datetime.fromisoformat(first) == clock.now.astimezone(UTC)
    clock.now += timedelta(seconds=59)
    await client.post("/api/v1/tasks", json={"title": "x"}, headers=token)
    assert await last_used() == first
    clock.now += timedelta(seconds=1)
    await client.post("/api/v1/tasks", json={"title": "y"}, headers=token)
    second = await last_used()
    assert second is not None and datetime.fromisoformat(second) == clock.now.astimezone(UTC)


async def test_an_expired_token_is_refused(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    clock = Clock()
    runtime.clock = clock
    user = await make_user()
    token = bearer((await create_token(client, user, expires_in_days=1))["token"])
    assert (await client.get("/api/v1/tasks", headers=token)).status_code == 200
    clock.now += timedelta(days=1)
    assert_error(await client.get("/api/v1/tasks", headers=token), 401, "unauthorized")


async def test_a_made_up_token_is_unauthorized(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/tasks", headers=bearer("tm_pat_" + "x" * 43))
    assert_error(response, 401, "unauthorized")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": " ", "scopes": ["chat"]}, "name"),
        ({"name": "x", "scopes": []}, "scopes"),
        ({"name": "x", "scopes": ["admin"]}, "scopes.0"),
        ({"name": "x", "scopes": ["chat"], "expires_in_days": 0}, "expires_in_days"),
        ({"name": "x" * 101, "scopes": ["chat"]}, "name"),
    ],
)
async def test_bad_token_requests_name_the_field(
    client: httpx.AsyncClient, make_user: MakeUser, body: dict[str, object], field: str
) -> None:
    user = await make_user()
    response = await client.post(TOKENS, json=body, headers=user.headers)
    assert field in error_fields(response)
    assert (await client.get(TOKENS, headers=user.headers)).json()["items"] == []
