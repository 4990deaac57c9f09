"""Streaming fan-out: many paced streams at once, each watched by one or more sockets.

Every watcher rebuilds the text from the ``delta`` frames by their offsets and compares it
with the script (``bench.stream_script``); lateness is a frame's arrival minus the scheduled
emission time of each token in it. On our server a stream is a generation answering the
``send`` of the conversation's first watcher; on the echo server each socket asks for its own.
"""

from __future__ import annotations

import asyncio
import json
import math
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass, field

from websockets.asyncio.client import ClientConnection
from websockets.exceptions import ConnectionClosed

from bench.stats import Latency, summarise
from bench.stream_script import StreamPlan, now_us, token_due_times_us

START_SPREAD_SECONDS = 1.0  # the streams start one after another over this time
FINISH_GRACE_SECONDS = 30.0


@dataclass(kw_only=True)
class Watcher:
    connection: ClientConnection
    plan: StreamPlan
    frames: list[tuple[int, int, str]] = field(default_factory=list)  # arrival µs, offset, text
    finished: asyncio.Event = field(default_factory=asyncio.Event)

    async def read(self) -> None:
        with suppress(ConnectionClosed):
            async for raw in self.connection:
                arrived_us = now_us()
                frame = json.loads(raw)
                if frame["type"] == "delta":
                    self.frames.append((arrived_us, frame["offset"], frame["text"]))
                    if len(self.frames) == self.plan.tokens:  # the echo server: one per token
                        self.finished.set()
                elif frame["type"] == "item" and _is_finished_answer(frame["item"]):
                    self.finished.set()


def _is_finished_answer(item: dict[str, object]) -> bool:
    return item.get("role") == "assistant" and item.get("status") != "streaming"


@dataclass(frozen=True, kw_only=True)
class Stream:
    """Who asks for one stream (``request`` is the frame it sends) and who watches it."""

    sender: ClientConnection
    request: str
    watchers: Sequence[Watcher]


@dataclass(frozen=True, kw_only=True)
class Text:
    lost_chars: int
    duplicated_chars: int
    matches_script: bool


def rebuild(watcher: Watcher) -> Text:
    text = ""
    lost = duplicated = 0
    for _arrived, offset, chunk in watcher.frames:
        if offset > len(text):
            lost += offset - len(text)
            text += "\0" * (offset - len(text))
        duplicated += min(len(text) - offset, len(chunk))
        text += chunk[len(text) - offset :]
    due = token_due_times_us(text)
    expected = watcher.plan.text(due[0]) if due else None
    if expected is not None and len(text) < len(expected):
        lost += len(expected) - len(text)
    return Text(lost_chars=lost, duplicated_chars=duplicated, matches_script=text == expected)


@dataclass(frozen=True, kw_only=True)
class StreamResult:
    streams: int
    watchers: int
    deltas_per_second: float
    token_lateness: Latency  # every token, from its scheduled emission to its frame's arrival
    first_token: Latency  # from the request to the first delta, on the requesting socket
    unfinished: int
    broken_streams: int  # watchers whose text is not exactly the script
    lost_chars: int
    duplicated_chars: int


async def run_streams(streams: Sequence[Stream], plan: StreamPlan) -> StreamResult:
    watchers = [watcher for stream in streams for watcher in stream.watchers]
    readers = [asyncio.create_task(watcher.read()) for watcher in watchers]
    sent_us: list[int] = []
    for stream in streams:
        sent_us.append(now_us())
        await stream.sender.send(stream.request)
        await asyncio.sleep(START_SPREAD_SECONDS / len(streams))
    seconds = plan.tokens * plan.delay_us / 1e6 + FINISH_GRACE_SECONDS
    with suppress(TimeoutError):
        async with asyncio.timeout(seconds):
            await asyncio.gather(*(watcher.finished.wait() for watcher in watchers))
    for reader in readers:
        reader.cancel()
    await asyncio.gather(*readers, return_exceptions=True)
    return _result(streams, sent_us)


def _result(streams: Sequence[Stream], sent_us: Sequence[int]) -> StreamResult:
    watchers = [watcher for stream in streams for watcher in stream.watchers]
    lateness_ms = [
        (arrived - due) / 1000
        for watcher in watchers
        for arrived, _offset, chunk in watcher.frames
        for due in token_due_times_us(chunk)
    ]
    first_token_ms = [
        (stream.watchers[0].frames[0][0] - sent) / 1000
        for stream, sent in zip(streams, sent_us, strict=True)
        if stream.watchers[0].frames
    ]
    arrivals = [arrived for watcher in watchers for arrived, _offset, _chunk in watcher.frames]
    span_seconds = (max(arrivals) - min(arrivals)) / 1e6 if len(arrivals) > 1 else math.inf
    texts = [rebuild(watcher) for watcher in watchers]
    return StreamResult(
        streams=len(streams),
        watchers=len(watchers),
        deltas_per_second=len(arrivals) / span_seconds,
        token_lateness=summarise(lateness_ms),
        first_token=summarise(first_token_ms),
        unfinished=sum(not watcher.finished.is_set() for watcher in watchers),
        broken_streams=sum(not text.matches_script for text in texts),
        lost_chars=sum(text.lost_chars for text in texts),
        duplicated_chars=sum(text.duplicated_chars for text in texts),
    )
