"""History: the newest page of a long conversation, and a resume of many changes.

Server time is estimated as the client's latency minus a baseline on the same connection
that does the same authentication and framing but no work (``GET /me`` for the page, a
WebSocket ping for the resume), so it still includes reading the reply.
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass

import httpx
from websockets.asyncio.client import ClientConnection

from bench.server import Served
from bench.stats import Latency, latency, summarise
from bench.ws_client import open_socket, subscribe

API = "/api/v1"
SUBSCRIBED = '"type":"subscribed"'  # the server's compact JSON; replayed items are not parsed
PONG = '"type":"pong"'
ITEM = '"type":"item"'
WARMUP = 3


@dataclass(frozen=True, kw_only=True)
class HistoryResult:
    items: int
    me: Latency
    newest_page: Latency
    ping: Latency
    resume: Latency
    resumed_changes: int

    @property
    def newest_page_server_ms(self) -> float:
        return self.newest_page.p50_ms - self.me.p50_ms

    @property
    def resume_server_ms(self) -> float:
        return self.resume.p50_ms - self.ping.p50_ms


async def _round_trips(
    connection: ClientConnection, requests: list[str], ends: str, repeats: int
) -> tuple[Latency, int]:
    """Latency of sending ``requests`` until a frame containing ``ends``; also how many
    item frames came before it."""
    samples = []
    items = 0
    for attempt in range(WARMUP + repeats):
        start = time.perf_counter()
        for request in requests:
            await connection.send(request)
        items = 0
        while ends not in (frame := await connection.recv()):
            items += ITEM in frame
        if attempt >= WARMUP:
            samples.append((time.perf_counter() - start) * 1000)
    return summarise(samples), items


async def _resume(
    ws_url: str, token: str, conversation_id: str, changes: int, repeats: int
) -> tuple[Latency, Latency, int]:
    connection = await open_socket(ws_url, token)
    async with connection:
        last_seq = (await subscribe(connection, conversation_id)).last_seq
        replay = {
            "type": "subscribe",
            "conversation_id": conversation_id,
            "after_seq": last_seq - changes,
        }
        unsubscribe = {"type": "unsubscribe", "conversation_id": conversation_id}
        ping, _ = await _round_trips(connection, [json.dumps({"type": "ping"})], PONG, repeats)
        # Each round unsubscribes first, so every subscribe replays the whole range.
        resume, replayed = await _round_trips(
            connection, [json.dumps(unsubscribe), json.dumps(replay)], SUBSCRIBED, repeats
        )
    return ping, resume, replayed


def _page_timings(
    base_url: str, token: str, conversation_id: str, requests: int
) -> tuple[Latency, Latency]:
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=base_url, headers=headers) as http:
        me = latency(lambda: http.get(f"{API}/me"), requests=requests)
        page = latency(
            lambda: http.get(f"{API}/conversations/{conversation_id}/items", params={"limit": 50}),
            requests=requests,
        )
    return me, page


async def measure_history(
    served: Served, token: str, conversation_id: str, *, items: int, changes: int, requests: int
) -> HistoryResult:
    """Timings on a conversation of ``items`` items (``bench.seed.seed_messages``)."""
    me, page = await asyncio.to_thread(_page_timings, served.url, token, conversation_id, requests)
    ping, resume, replayed = await _resume(
        served.ws_url, token, conversation_id, changes, max(requests // 10, 5)
    )
    return HistoryResult(
        items=items, me=me, newest_page=page, ping=ping, resume=resume, resumed_changes=replayed
    )
