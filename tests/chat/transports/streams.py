"""A test's Server-Sent Events client over a real connection, every wait bounded."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import httpx

from tests.live_server import LiveServer

WAIT = 5.0


@dataclass(frozen=True, kw_only=True)
class Event:
    event: str | None = None
    id: str | None = None
    data: Any = None
    comment: str | None = None


class EventReader:
    def __init__(self, response: httpx.Response) -> None:
        self.response = response
        self._lines = response.aiter_lines()

    async def next(self) -> Event:
        """The next event or comment."""
        fields: dict[str, str] = {}
        while True:
            line = await asyncio.wait_for(self._lines.__anext__(), WAIT)
            if line.startswith(":"):
                return Event(comment=line[1:].strip())
            if not line:
                if fields:
                    data = json.loads(fields["data"]) if "data" in fields else None
                    return Event(event=fields.get("event"), id=fields.get("id"), data=data)
                continue
            name, _, value = line.partition(":")
            fields[name] = value.removeprefix(" ")

    async def next_event(self, name: str) -> Event:
        """The next event with this name, skipping pings and other events."""
        while (event := await self.next()).event != name:
            pass
        return event

    async def ended(self) -> bool:
        """Reads on until the server ends the stream."""
        try:
            while True:
                await asyncio.wait_for(self._lines.__anext__(), WAIT)
        except StopAsyncIteration:
            return True


@asynccontextmanager
async def event_stream(
    server: LiveServer, path: str, headers: dict[str, str] | None = None, **params: Any
) -> AsyncIterator[EventReader]:
    async with (
        httpx.AsyncClient(base_url=server.http, timeout=WAIT) as http,
        http.stream("GET", f"/api/v1{path}", headers=headers, params=params) as response,
    ):
        assert response.status_code == 200, await response.aread()
        yield EventReader(response)
