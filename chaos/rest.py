"""REST calls of the scripted clients: each to a random instance, retried on transport
errors and 503s with backoff, as a client behind a load balancer would."""

from __future__ import annotations

import asyncio
import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import httpx

API = "/api/v1"
ATTEMPTS = 40
RETRYABLE = frozenset({502, 503, 504})


class RequestFailed(Exception):
    pass


@dataclass(frozen=True, kw_only=True)
class Account:
    user_id: str
    token: str
    address: str  # the client's own address, named in X-Forwarded-For

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}", "X-Forwarded-For": self.address}


class Api:
    def __init__(self, http: httpx.AsyncClient, bases: Sequence[str]) -> None:
        self._http = http
        self._bases = bases

    async def request(
        self, method: str, path: str, *, headers: dict[str, str], body: Any = None
    ) -> Any:
        """The JSON body of a 2xx answer (None for 204); other answers raise ``RequestFailed``."""
        delay = 0.05
        for _ in range(ATTEMPTS):
            base = random.choice(self._bases)
            try:
                response = await self._http.request(
                    method, f"{base}{API}{path}", headers=headers, json=body
                )
            except httpx.TransportError:
                response = None
            if response is not None and response.status_code not in RETRYABLE:
                if response.is_success:
                    return response.json() if response.content else None
                raise RequestFailed(f"{method} {path}: {response.status_code} {response.text}")
            await asyncio.sleep(delay)  # backoff before the retry
            delay = min(delay * 2, 1.0)
        raise RequestFailed(f"{method} {path}: no instance answered")

    async def sign_up(self) -> Account:
        address = f"10.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(1, 255)}"
        body = {"email": f"chaos-{uuid.uuid4().hex[:12]}@example.com", "password": "chaos-pass-1"}
        issued = await self.request(
            "POST", "/auth/register", headers={"X-Forwarded-For": address}, body=body
        )
        return Account(user_id=issued["user"]["id"], token=issued["access_token"], address=address)

    async def create_conversation(self, account: Account, *, assistant: str = "always") -> str:
        created = await self.request(
            "POST", "/conversations", headers=account.headers, body={"assistant": assistant}
        )
        conversation_id: str = created["id"]
        return conversation_id

    async def items(self, account: Account, conversation_id: str) -> list[dict[str, Any]]:
        """Every item of the conversation in its latest state, through the change feed."""
        found: list[dict[str, Any]] = []
        after = 0
        while True:
            page = await self.request(
                "GET",
                f"/conversations/{conversation_id}/items?after_seq={after}&limit=200",
                headers=account.headers,
            )
            found.extend(page["items"])
            after = page["last_seq"]
            if not page["has_more"]:
                return found
