"""Attacks on access tokens: every one of them is a 401 in the envelope."""

import base64
import json
from datetime import UTC, datetime, timedelta

import httpx
import jwt
import pytest

from taskmate.api.runtime import Runtime
from taskmate.auth.tokens import AccessClaims
from tests.conftest import TEST_SECRET, MakeUser
from tests.helpers import assert_error

ME = "/api/v1/me"


def b64(data: dict[str, object]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


async def me_with(client: httpx.AsyncClient, token: str) -> httpx.Response:
    return await client.get(ME, headers={"Authorization": f"Bearer {token}"})


def claims_of(token: str) -> dict[str, object]:
    return dict(jwt.decode(token, options={"verify_signature": False}))


async def test_no_credentials(client: httpx.AsyncClient) -> None:
    assert_error(await client.get(ME), 401, "unauthorized")


async def test_alg_none_is_refused(client: httpx.AsyncClient, make_user: MakeUser) -> None:
    user = await make_user()
    token = f"{b64({'alg': 'none', 'typ': 'JWT'})}.{b64(claims_of(user.access_token))}."
    assert_error(await me_with(client, token), 401, "unauthorized")


async def test_wrong_key_is_refused(client: httpx.AsyncClient, make_user: MakeUser) -> None:
    user = await make_user()
    forged = jwt.encode(claims_of(user.access_token), "another-key" * 4, algorithm="HS256")
    assert_error(await me_with(client, forged), 401, "unauthorized")


async def test_tampered_payload_is_refused(client: httpx.AsyncClient, make_user: MakeUser) -> None:
    victim, attacker = await make_user(), await make_user()
    header, _, signature = attacker.access_token.split(".")
    payload = claims_of(attacker.access_token) | {"sub": victim.id}
    assert_error(await me_with(client, f"{header}.{b64(payload)}.{signature}"), 401, "unauthorized")


async def test_expired_token_is_refused(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    user = await make_user()
    claims = claims_of(user.access_token)
    old = AccessClaims(
        user_id=user.id,
        session_id=str(claims["sid"]),
        jti="old",
        issued_at=datetime.now(UTC) - timedelta(hours=1),
    )
    error = assert_error(
        await me_with(client, runtime.tokens.issue_access(old)), 401, "unauthorized"
    )
    assert "expired" in error["message"]


@pytest.mark.parametrize("missing", ["exp", "sid", "jti", "sub", "iat", "typ"])
async def test_token_without_a_required_claim_is_refused(
    client: httpx.AsyncClient, make_user: MakeUser, missing: str
) -> None:
    user = await make_user()
    claims = claims_of(user.access_token)
    del claims[missing]
    token = jwt.encode(claims, TEST_SECRET, algorithm="HS256")
    assert_error(await me_with(client, token), 401, "unauthorized")


async def test_other_algorithm_with_the_right_key_is_refused(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user()
    token = jwt.encode(claims_of(user.access_token), TEST_SECRET, algorithm="HS512")
    assert_error(await me_with(client, token), 401, "unauthorized")


async def test_garbage_is_refused(client: httpx.AsyncClient) -> None:
    assert_error(await me_with(client, "not.a.token"), 401, "unauthorized")


@pytest.mark.parametrize(
    "odd",
    [
        {"iat": -(10**20)},  # was a 500: the datetime overflowed
        {"iat": 2**63},
        {"iat": True},
        {"iat": 1.5},
        {"iat": "1700000000"},
        {"iat": 4_000_000_000},  # after exp
        {"sub": 5},
        {"sid": None},
        {"jti": ""},
        {"jti": "a\ud800"},
        {"typ": "refresh"},
    ],
)
async def test_a_validly_signed_token_with_odd_claims_is_a_401(
    client: httpx.AsyncClient, make_user: MakeUser, odd: dict[str, object]
) -> None:
    user = await make_user()
    claims = claims_of(user.access_token) | odd
    token = jwt.encode(claims, TEST_SECRET, algorithm="HS256")
    assert_error(await me_with(client, token), 401, "unauthorized")
