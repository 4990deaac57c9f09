"""The benchmarks' users and conversations, made through the API of a running server with
``taskmate.client``."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass

from bench.seed import PASSWORD
from taskmate.client import Taskmate

CREATING_AT_ONCE = 20
TIMEOUT = 60.0


@dataclass(frozen=True, kw_only=True)
class Owner:
    """A conversation and the access token of the user who owns it."""

    token: str
    conversation_id: str


def bench_emails(count: int) -> list[str]:
    return [f"chat{index}@bench.example.com" for index in range(count)]


async def sign_in(base_url: str, emails: Sequence[str]) -> list[str]:
    """Access tokens, one per account (``bench.seed.seed_users`` made them)."""
    tokens = []
    async with Taskmate(base_url, timeout=TIMEOUT) as taskmate:
        for email in emails:
            tokens.append((await taskmate.sign_in(email, PASSWORD)).access_token)
    return tokens


async def create_conversations(
    base_url: str, tokens: Sequence[str], count: int, *, assistant: str
) -> list[Owner]:
    """``count`` conversations spread over the users (``assistant``: ``"always"`` or
    ``"off"``)."""
    gate = asyncio.Semaphore(CREATING_AT_ONCE)
    users = [Taskmate(base_url, token, timeout=TIMEOUT) for token in tokens]

    async def created(index: int) -> Owner:
        user = index % len(users)
        async with gate:
            conversation = await users[user].conversations.create(assistant=assistant)
        return Owner(token=tokens[user], conversation_id=conversation.id)

    try:
        return list(await asyncio.gather(*(created(index) for index in range(count))))
    finally:
        await asyncio.gather(*(taskmate.aclose() for taskmate in users))
