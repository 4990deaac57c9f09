"""The verdict of a phase: every client's transcript against the server's items (REST) and
the database's rows (SQL): nothing acknowledged lost, nothing stored twice."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import psycopg

from chaos.client import NEEDS_REGENERATE, ChatClient
from taskmate.client import Item

CATCH_UP_SECONDS = 20.0


@dataclass(kw_only=True)
class Verdict:
    fault: str
    clients: int = 0
    sent: int = 0
    acknowledged: int = 0
    delivered: int = 0
    lost: int = 0
    duplicated: int = 0
    unacknowledged: int = 0
    mismatched_transcripts: int = 0
    interrupted: int = 0
    recovered: int = 0
    refused_unavailable: int = 0
    closes: Counter[int | None] = field(default_factory=Counter)  # by the server, by code
    failed_connects: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return (
            self.lost == 0
            and self.duplicated == 0
            and self.unacknowledged == 0
            and self.mismatched_transcripts == 0
            and self.recovered == self.interrupted
        )


async def judge(fault: str, clients: Sequence[ChatClient], database_dsn: str) -> Verdict:
    """Call once the clients have settled and while they are still connected: each gets
    time to catch up with the server before its transcript is compared."""
    verdict = Verdict(fault=fault, clients=len(clients))
    rows = await _rows_per_client_id([client.conversation_id for client in clients], database_dsn)
    for client in clients:
        server_items = await _caught_up(client)
        _count(verdict, client, server_items, rows)
    return verdict


async def _caught_up(client: ChatClient) -> list[Item]:
    """The server's items, once the client's transcript equals them (or the deadline passed)."""
    deadline = time.monotonic() + CATCH_UP_SECONDS
    while True:
        changes = await client.account.taskmate.conversations.changes(client.conversation_id)
        server_items = changes.items
        if _same(client, server_items) or time.monotonic() > deadline:
            return server_items
        await asyncio.sleep(0.2)  # waits for frames still on their way to the client


def comparable(item: Item) -> tuple[str, int, str, str, str]:
    """What must agree between a client's copy of an item and the server's."""
    return (item.id, item.seq, item.type, item.status, item.content)


def _same(client: ChatClient, server_items: list[Item]) -> bool:
    mine = sorted(comparable(item) for item in client.transcript.items.values())
    return mine == sorted(comparable(item) for item in server_items)


def _count(
    verdict: Verdict, client: ChatClient, server_items: list[Item], rows: dict[str, int]
) -> None:
    stats = client.stats
    acknowledged = set(stats.ack_seconds)
    in_transcript = client.transcript.client_ids()
    verdict.sent += stats.sent
    verdict.acknowledged += len(acknowledged)
    verdict.delivered += len(acknowledged & set(in_transcript))
    verdict.unacknowledged += stats.sent - len(acknowledged)
    verdict.lost += sum(1 for client_id in acknowledged if rows.get(client_id, 0) == 0)
    seen = Counter(in_transcript)
    for client_id in set(seen) | acknowledged:
        verdict.duplicated += max(rows.get(client_id, 0), seen[client_id], 1) - 1
    verdict.closes.update(stats.closes)
    verdict.failed_connects += stats.connect_failures
    verdict.refused_unavailable += stats.refused_unavailable
    if not _same(client, server_items):
        verdict.mismatched_transcripts += 1
    interrupted, recovered = _recoveries(server_items)
    verdict.interrupted += interrupted
    verdict.recovered += recovered
    verdict.notes.extend(stats.other_errors)


def _recoveries(server_items: list[Item]) -> tuple[int, int]:
    """Answers cut short (interrupted, or failed), and how many of them a later completed
    answer followed."""
    answers = sorted(
        (item for item in server_items if item.type == "message" and item.role == "assistant"),
        key=lambda item: item.position,
    )
    interrupted = [index for index, item in enumerate(answers) if item.status in NEEDS_REGENERATE]
    recovered = sum(
        1
        for index in interrupted
        if any(later.status == "completed" for later in answers[index + 1 :])
    )
    return len(interrupted), recovered


async def _rows_per_client_id(conversation_ids: list[str], dsn: str) -> dict[str, int]:
    """How many items the database holds for each ``client_id`` of these conversations."""
    query = (
        "SELECT client_id, count(*) FROM items"
        " WHERE conversation_id = ANY(%s) AND client_id IS NOT NULL GROUP BY client_id"
    )
    async with await psycopg.AsyncConnection.connect(dsn) as connection:
        cursor = await connection.execute(query, (conversation_ids,))
        return {str(client_id): int(count) for client_id, count in await cursor.fetchall()}
