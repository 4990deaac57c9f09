"""The benchmarks' users and conversations, made through the API of a running server."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass

import httpx

from bench.seed import PASSWORD

API = "/api/v1"
CREATING_AT_ONCE = 20


@dataclass(frozen=True, kw_only=True)
class Owner:
    """A conversation and the access token of the user who owns it."""

    token: str
    conversation_id: str


def bench_emails(count: int) -> list[str]:
    return [f"chat{index}@bench.example.com" for index in range(count)]


def sign_in(base_url: str, emails: Sequence[str]) -> list[str]:
    """Access tokens, one per account (``bench.seed.seed_users`` made them)."""
    with httpx.Client(base_url=base_url, timeout=60) as http:
        return [
            http.post(f"{API}/auth/login", json={"email": email, "password": PASSWORD})
            .raise_for_status()
            .json()["access_token"]
            for email in emails
        ]


async def create_conversations(
    base_url: str, tokens: Sequence[str], count: int, *, assistant: str
) -> list[Owner]:
    """``count`` conversations spread over the users (``assistant``: ``"always"`` or
    ``"off"``)."""
    gate = asyncio.Semaphore(CREATING_AT_ONCE)
    async with httpx.AsyncClient(base_url=base_url, timeout=60) as http:

        async def created(token: str) -> Owner:
            async with gate:
                response = await http.post(
                    f"{API}/conversations",
                    json={"assistant": assistant},
                    headers={"Authorization": f"Bearer {token}"},
                )
            return Owner(token=token, conversation_id=response.raise_for_status().json()["id"])

        return list(
            await asyncio.gather(*(created(tokens[index % len(tokens)]) for index in range(count)))
        )
