"""``/me`` and ``/auth/password``: profile, time zone, password change, account deletion."""

import httpx
from sqlalchemy import func, select

from taskmate.api.runtime import Runtime
from taskmate.auth.models import AuthSession, User
from taskmate.tasks.models import Project
from tests.conftest import MakeUser
from tests.helpers import assert_error, error_fields


async def test_profile_update(client: httpx.AsyncClient, make_user: MakeUser) -> None:
    user = await make_user()
    response = await client.patch(
        "/api/v1/me", json={"name": " Ada ", "timezone": "America/New_York"}, headers=user.headers
    )
    assert response.status_code == 200
    assert response.json()["name"] == "Ada"
    assert (await client.get("/api/v1/me", headers=user.headers)).json()["timezone"] == (
        "America/New_York"
    )


async def test_unknown_time_zone_is_refused(client: httpx.AsyncClient, make_user: MakeUser) -> None:
    user = await make_user()
    response = await client.patch("/api/v1/me", json={"timezone": "EST5"}, headers=user.headers)
    assert error_fields(response) == {"timezone"}


async def test_password_change_ends_every_other_session(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user()
    other = await client.post(
        "/api/v1/auth/login", json={"email": user.email, "password": user.password}
    )
    other_headers = {"Authorization": f"Bearer {other.json()['access_token']}"}
    response = await client.post(
        "/api/v1/auth/password",
        json={"current_password": user.password, "new_password": "a brand new secret"},
        headers=user.headers,
    )
    assert response.status_code == 204
    assert (await client.get("/api/v1/me", headers=user.headers)).status_code == 200
    assert_error(await client.get("/api/v1/me", headers=other_headers), 401, "unauthorized")
    old = await client.post(
        "/api/v1/auth/login", json={"email": user.email, "password": user.password}
    )
    assert_error(old, 401, "unauthorized")
    new = await client.post(
        "/api/v1/auth/login", json={"email": user.email, "password": "a brand new secret"}
    )
    assert new.status_code == 200


async def test_password_change_needs_the_current_password(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user()
    response = await client.post(
        "/api/v1/auth/password",
        json={"current_password": "not it at all", "new_password": "a brand new secret"},
        headers=user.headers,
    )
    assert error_fields(response) == {"current_password"}


async def test_account_deletion_removes_everything(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    user, bystander = await make_user(), await make_user()
    async with runtime.database.session(write=True) as session:
        for owner in (user, bystander):
            session.add(Project(user_id=owner.id, name="Home", name_key="home"))
        await session.commit()
    assert_error(
        await client.request(
            "DELETE", "/api/v1/me", json={"password": "wrong one"}, headers=user.headers
        ),
        422,
        "validation_error",
    )
    response = await client.request(
        "DELETE", "/api/v1/me", json={"password": user.password}, headers=user.headers
    )
    assert response.status_code == 204
    assert_error(await client.get("/api/v1/me", headers=user.headers), 401, "unauthorized")
    async with runtime.database.session() as session:
        for model, column in ((User, User.id), (AuthSession, AuthSession.user_id)):
            count = await session.scalar(
                select(func.count()).select_from(model).where(column == user.id)
            )
            assert count == 0
        owners = list(await session.scalars(select(Project.user_id)))
    assert owners == [bystander.id]


async def test_nul_in_a_name_is_a_validation_error(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user()
    response = await client.patch("/api/v1/me", json={"name": "a\u0000b"}, headers=user.headers)
    assert error_fields(response) == {"name"}
