"""``Taskmate``: the client's entry point, holding one server's URL and a token."""

from __future__ import annotations

from types import TracebackType
from typing import Any

import httpx

from taskmate.client.conversations import Conversations
from taskmate.client.live import Live
from taskmate.client.models import SignedIn, User
from taskmate.client.rest import TIMEOUT, Rest
from taskmate.client.tasks import Projects, Tasks


class Taskmate:
    """A signed-in client. ``token`` is an access token from ``sign_in`` or a personal
    access token (``tm_pat_…``), which is limited by its scopes. ``transport`` and
    ``headers`` go to httpx (a transport can route or retry requests); ``timeout`` is the
    seconds each request may take.

        async with Taskmate("http://127.0.0.1:8000", token) as taskmate:
            task = await taskmate.tasks.create("buy milk", due_text="tomorrow 5pm")
    """

    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        headers: dict[str, str] | None = None,
        timeout: float = TIMEOUT,
    ) -> None:
        self.rest = Rest(base_url, token, transport=transport, headers=headers, timeout=timeout)
        self.tasks = Tasks(self.rest)
        self.projects = Projects(self.rest)
        self.conversations = Conversations(self.rest)

    @property
    def base_url(self) -> str:
        return self.rest.base_url

    @property
    def token(self) -> str | None:
        return self.rest.token

    @property
    def ws_url(self) -> str:
        scheme, rest = self.base_url.split("://", 1)
        return f"{'wss' if scheme == 'https' else 'ws'}://{rest}/api/v1/ws"

    async def sign_in(self, email: str, password: str) -> SignedIn:
        """Signs in with a password; the client uses the new access token from then on."""
        return await self._issued("/auth/login", {"email": email, "password": password})

    async def register(self, email: str, password: str, **fields: Any) -> SignedIn:
        body = {"email": email, "password": password, **fields}
        return await self._issued("/auth/register", body)

    async def sign_out(self) -> None:
        """Ends the session of a signed-in access token (not a personal access token)."""
        await self.rest.call("POST", "/auth/logout")
        self.rest.token = None

    async def me(self) -> User:
        return await self.rest.typed(User, "GET", "/me")

    def live(self, **options: Any) -> Live:
        """The live socket for this client's token (see ``Live``); use it with ``async with``."""
        if self.token is None:
            raise ValueError("sign in first: the live socket needs a token")
        return Live(self.ws_url, self.token, **options)

    async def _issued(self, path: str, body: dict[str, Any]) -> SignedIn:
        signed_in = await self.rest.typed(SignedIn, "POST", path, body=body)
        self.rest.token = signed_in.access_token
        return signed_in

    async def aclose(self) -> None:
        await self.rest.aclose()

    async def __aenter__(self) -> Taskmate:
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()
