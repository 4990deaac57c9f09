"""The text so far of streaming messages: in memory, in Redis for every instance, and what
happens when the store fails."""

from __future__ import annotations

import asyncio
import dataclasses
import uuid
from collections.abc import AsyncIterator
from contextlib import suppress
from typing import Any

import httpx
import pytest
from redis.asyncio import Redis

from taskmate.api.runtime import Runtime
from taskmate.chat.runner_stream import TextStream
from taskmate.chat.scripted import ScriptedResponder, text_deltas
from taskmate.chat.stream_store import MemoryStreamStore, RedisStreamStore, StreamStore
from tests.chat.conftest import MakeRunner, StartRunner
from tests.chat.helpers import create_conversation, send
from tests.chat.runner.harness import FAST, Pacer, Recorder, wait_for
from tests.conftest import MakeUser
from tests.tasks.helpers import freeze


@pytest.fixture
async def redis(redis_url: str) -> AsyncIterator[Redis]:
    client = Redis.from_url(redis_url)
    yield client
    await client.aclose()


async def check_store(store: StreamStore) -> None:
    item_id = str(uuid.uuid4())
    assert await store.read(item_id) is None
    await store.append(item_id, "héllo ")
    await store.append(item_id, "🥛 𝄞")
    assert await store.read(item_id) == "héllo 🥛 𝄞"
    await store.discard(item_id)
    assert await store.read(item_id) is None


async def test_the_memory_store_keeps_text_until_discarded() -> None:
    await check_store(MemoryStreamStore())


async def test_the_redis_store_keeps_text_with_a_ttl(redis: Redis) -> None:
    await check_store(RedisStreamStore(redis, ttl_seconds=60))
    item_id = str(uuid.uuid4())
    await RedisStreamStore(redis, ttl_seconds=60).append(item_id, "x")
    assert 0 < await redis.ttl(f"taskmate:stream:{item_id}") <= 60


async def test_another_instance_interrupts_with_the_text_from_redis(
    client: httpx.AsyncClient,
    make_user: MakeUser,
    runtime: Runtime,
    recorder: Recorder,
    make_runner: MakeRunner,
    start_runner: StartRunner,
    redis_url: str,
) -> None:
    """No checkpoint was written before the crash; the reaper finds the text in Redis."""
    user = await make_user()
    clock = freeze(runtime)
    conversation_id = (await create_conversation(client, user))["id"]
    pacer = Pacer(deltas=3)
    dying, surviving = Redis.from_url(redis_url), Redis.from_url(redis_url)
    try:
        doomed = make_runner(
            ScriptedResponder(text_deltas("streamed but not saved"), sleep=pacer),
            store=RedisStreamStore(dying),
        )
        crashed = asyncio.create_task(doomed.run())
        await send(client, user, conversation_id, "hello")
        await wait_for(pacer.blocked)
        await recorder.until(
            lambda: "".join(f["text"] for f in recorder.frames) == "streamed but not "
        )
        crashed.cancel()
        with suppress(asyncio.CancelledError):
            await crashed

        await start_runner(
            ScriptedResponder([]),
            store=RedisStreamStore(surviving),
            timing=dataclasses.replace(FAST, checkpoint=3600),
        )
        clock.advance(seconds=FAST.lease_ttl + 1)
        [answer] = await recorder.until(lambda: recorder.answers(conversation_id, "interrupted"))
        assert answer["content"] == "streamed but not "
    finally:
        await dying.aclose()
        await surviving.aclose()


class FlakyStore(MemoryStreamStore):
    """Fails its first append, as Redis does while it restarts."""

    def __init__(self) -> None:
        super().__init__()
        self.failures = 1

    async def append(self, item_id: str, text: str) -> None:
        if self.failures:
            self.failures -= 1
            raise ConnectionError("Redis is restarting")
        await super().append(item_id, text)


class Frames:
    def __init__(self) -> None:
        self.frames: list[dict[str, Any]] = []

    async def publish_transient(self, conversation_id: str, frame: dict[str, Any]) -> None:
        self.frames.append(frame)


async def test_a_store_that_missed_a_chunk_forgets_the_message() -> None:
    store, frames = FlakyStore(), Frames()
    stream = TextStream(
        conversation_id="c", item_id="m", publisher=frames, store=store, window=0, max_chars=1
    )
    running = asyncio.create_task(stream.run())
    for word in ("lost ", "then ", "kept"):
        stream.add(word)
        await asyncio.sleep(0)
    stream.close()
    await running
    assert [(f["offset"], f["text"]) for f in frames.frames] == [
        (0, "lost "),
        (5, "then "),
        (10, "kept"),
    ]
    assert stream.published == "lost then kept"
    assert await store.read("m") is None, "a text with a hole is never served"
