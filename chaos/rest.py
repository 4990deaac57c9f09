"""The scripted clients' REST calls, on ``taskmate.client``, through a transport that acts
as a load balancer: each request to a random instance, retried on transport errors and
502-504 with backoff."""

from __future__ import annotations

import asyncio
import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

import httpx

from taskmate.client import Taskmate

CLUSTER_URL = "http://cluster"  # the transport sends each request to a real instance
ATTEMPTS = 40
RETRYABLE = frozenset({502, 503, 504})
REQUEST_TIMEOUT = 10.0
PASSWORD = "chaos-pass-1"


class Spread(httpx.AsyncBaseTransport):
    def __init__(self, bases: Sequence[str]) -> None:
        self._bases = [httpx.URL(base) for base in bases]
        self._pool = httpx.AsyncHTTPTransport()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        delay = 0.05
        for _ in range(ATTEMPTS):
            base = random.choice(self._bases)
            request.url = request.url.copy_with(scheme=base.scheme, host=base.host, port=base.port)
            request.headers["Host"] = base.netloc.decode()
            try:
                response = await self._pool.handle_async_request(request)
            except httpx.TransportError:
                pass
            else:
                if response.status_code not in RETRYABLE:
                    return response
                await response.aclose()
            await asyncio.sleep(delay)  # backoff before the retry
            delay = min(delay * 2, 1.0)
        raise httpx.ConnectError("no instance answered", request=request)

    async def aclose(self) -> None:
        await self._pool.aclose()


@dataclass(frozen=True, kw_only=True)
class Account:
    """A signed-up user, with a client of its own from its own address (named in
    X-Forwarded-For, so that rate limits see many clients)."""

    taskmate: Taskmate
    user_id: str
    token: str


async def sign_up(bases: Sequence[str]) -> Account:
    address = f"10.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(1, 255)}"
    taskmate = Taskmate(
        CLUSTER_URL,
        transport=Spread(bases),
        headers={"X-Forwarded-For": address},
        timeout=REQUEST_TIMEOUT,
    )
    email = f"chaos-{uuid.uuid4().hex[:12]}@example.com"
    try:
        signed_in = await taskmate.register(email, PASSWORD)
    except BaseException:
        await taskmate.aclose()
        raise
    return Account(taskmate=taskmate, user_id=signed_in.user.id, token=signed_in.access_token)
