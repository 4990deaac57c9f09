"""Refresh rotation, the 30 s grace for racing tabs, and reuse detection."""

from datetime import UTC, datetime, timedelta

import httpx

from taskmate.api.runtime import Runtime
from tests.conftest import Account, MakeUser
from tests.helpers import assert_error

REFRESH = "/api/v1/auth/refresh"
# Tokens are also checked against the real clock, so the fake one starts a little earlier.


class Clock:
    """Starts 10 minutes in the past, read when the test starts: access tokens expire by
    the real clock (PyJWT's), so a start fixed at import time went stale in a long run."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC) - timedelta(minutes=10)

    def __call__(self) -> datetime:
        return self.now


async def refresh(client: httpx.AsyncClient, token: str) -> httpx.Response:
    return await client.post(REFRESH, json={"refresh_token": token})


async def user_with_clock(runtime: Runtime, make_user: MakeUser) -> tuple[Account, Clock]:
    clock = Clock()
    runtime.clock = clock
    return await make_user(), clock


async def test_refresh_rotates_the_pair(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    user, clock = await user_with_clock(runtime, make_user)
    clock.now += timedelta(minutes=5)
    response = await refresh(client, user.refresh_token)
    assert response.status_code == 200
    pair = response.json()
    assert pair["refresh_token"] != user.refresh_token
    assert pair["user"]["id"] == user.id
    me = await client.get("/api/v1/me", headers={"Authorization": f"Bearer {pair['access_token']}"})
    assert me.status_code == 200
    again = await refresh(client, pair["refresh_token"])
    assert again.status_code == 200


async def test_racing_tabs_get_the_same_pair_within_the_grace(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    user, clock = await user_with_clock(runtime, make_user)
    first = (await refresh(client, user.refresh_token)).json()
    clock.now += timedelta(seconds=29)
    second = (await refresh(client, user.refresh_token)).json()
    assert second["access_token"] == first["access_token"]
    assert second["refresh_token"] == first["refresh_token"]


async def test_reuse_after_the_grace_revokes_the_whole_session(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    user, clock = await user_with_clock(runtime, make_user)
    rotated = (await refresh(client, user.refresh_token)).json()
    clock.now += timedelta(seconds=31)
    async with runtime.events.subscribe(user.id) as events:
        assert_error(await refresh(client, user.refresh_token), 401, "unauthorized")
        ended = events.get_nowait()
    assert (ended.kind, ended.action) == ("session", "ended")
    # The thief's and the owner's tokens of that session are all dead now.
    assert_error(await refresh(client, rotated["refresh_token"]), 401, "unauthorized")
    for token in (user.access_token, rotated["access_token"]):
        response = await client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
        assert_error(response, 401, "unauthorized")


async def test_other_sessions_survive_a_reuse(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    user, clock = await user_with_clock(runtime, make_user)
    login = await client.post(
        "/api/v1/auth/login", json={"email": user.email, "password": user.password}
    )
    other = login.json()
    await refresh(client, user.refresh_token)
    clock.now += timedelta(minutes=1)
    await refresh(client, user.refresh_token)
    me = await client.get(
        "/api/v1/me", headers={"Authorization": f"Bearer {other['access_token']}"}
    )
    assert me.status_code == 200


async def test_expired_refresh_token_is_refused(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    user, clock = await user_with_clock(runtime, make_user)
    clock.now += timedelta(days=31)
    assert_error(await refresh(client, user.refresh_token), 401, "unauthorized")


async def test_unknown_or_missing_refresh_token(client: httpx.AsyncClient) -> None:
    assert_error(await refresh(client, "made-up"), 401, "unauthorized")
    assert_error(await client.post(REFRESH), 401, "unauthorized")
