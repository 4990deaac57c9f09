"""Creating personal access tokens in tests, as a signed-in user does."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import httpx

from tests.conftest import Account

ALL_SCOPES = ("tasks:read", "tasks:write", "chat")


async def create_token(
    client: httpx.AsyncClient,
    user: Account,
    scopes: Sequence[str] = ALL_SCOPES,
    *,
    name: str = "script",
    **fields: Any,
) -> dict[str, Any]:
    """The 201 body: the token's fields and its ``token`` secret."""
    body = {"name": name, "scopes": list(scopes), **fields}
    response = await client.post("/api/v1/tokens", json=body, headers=user.headers)
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


def bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}
