"""Zulip-style consistency: a client that holds a stale snapshot and applies the frames it
receives ends with exactly what a fresh snapshot shows, however the writes interleave.

Two people write at once (over REST and over the WebSocket) while the assistant streams its
answers, asks questions that someone answers, and gets stopped; one client starts from a snapshot
taken long before, another drops its socket halfway and resumes with its last seq.
"""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select

from taskmate.api.runtime import Runtime
from taskmate.chat.live.streaming import STREAM_STORE_STATE
from taskmate.chat.models import Generation
from taskmate.chat.responder import (
    Choice,
    ChoiceOption,
    Step,
    StepDone,
    ToolCallFinished,
    ToolCallStarted,
    Turn,
)
from taskmate.chat.scripted import Script, ScriptedResponder, text_deltas
from taskmate.chat.stream_store import MemoryStreamStore
from tests.chat.conftest import StartRunner
from tests.chat.helpers import create_conversation, get_items, send, share, url
from tests.chat.transports.replica import Replica
from tests.chat.transports.sockets import Socket, signed_in
from tests.conftest import Account, MakeUser
from tests.live_server import LiveServer, until

ROUNDS = 8
SETTLED = ("completed", "stopped", "failed", "interrupted")


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    return {"rate_messages_per_minute": 0}


def answer(turn: Turn) -> Script:
    """Every kind of item, and one that changes after it was written: a question."""
    yield Step(label="Reading your tasks")
    yield StepDone()
    yield ToolCallStarted(name="find_tasks", arguments={"query": turn.message.content})
    yield ToolCallFinished(result={"tasks": []})
    yield from text_deltas(f"You said {turn.message.content!r}, and here is a longer answer.")
    if turn.message.content.endswith("?"):
        yield Choice(text="Go on?", options=[ChoiceOption(id="yes", label="Yes")])


async def follow(replica: Replica, socket: Socket, until_seq: int | None = None) -> None:
    """Applies frames until ``until_seq`` is reached (or for ever)."""
    while until_seq is None or replica.last_seq < until_seq:
        replica.apply(await socket.receive_unbounded())


async def settled(runtime: Runtime, conversation_id: str) -> bool:
    async with runtime.database.session() as session:
        unsettled = await session.scalar(
            select(func.count())
            .select_from(Generation)
            .where(
                Generation.conversation_id == conversation_id,
                Generation.status.not_in(SETTLED),
            )
        )
    return unsettled == 0


async def test_a_stale_snapshot_plus_the_frames_received_equals_a_fresh_snapshot(
    server: LiveServer,
    make_user: MakeUser,
    client: httpx.AsyncClient,
    runtime: Runtime,
    app: FastAPI,
    start_runner: StartRunner,
) -> None:
    owner, member = await make_user(), await make_user()
    cid = (await create_conversation(client, owner))["id"]
    await share(client, owner, cid, member)
    store = MemoryStreamStore()
    setattr(app.state, STREAM_STORE_STATE, store)
    await start_runner(
        ScriptedResponder(answer, delay=0.001),
        publisher=runtime.events,
        transient=runtime.events,
        store=store,
    )
    await send(client, owner, cid, "first")
    stale = Replica((await get_items(client, owner, cid, after_seq=0, limit=200))["items"])
    resumed = Replica()

    async def owner_writes() -> None:
        for n in range(ROUNDS):
            await send(client, owner, cid, f"owner {n}" + ("?" if n % 3 == 1 else ""))

    async def member_writes(socket: Socket) -> None:
        for n in range(ROUNDS):
            await socket.send_message(cid, f"member {n}")
            if n % 4 == 2:
                await socket.send({"type": "stop", "conversation_id": cid})

    async def answer_questions() -> None:
        """Answers each question as whoever it is for, once it shows up."""
        accounts = {owner.id: owner, member.id: member}
        async with runtime.events.subscribe_conversation(cid) as events:
            while True:
                item = (await events.get()).payload
                if item.get("type") == "choice" and item["status"] == "pending":
                    asker = accounts[item["for_user_id"]]
                    chosen = url(cid, f"/items/{item['id']}/choose")
                    await client.post(chosen, json={"option": "yes"}, headers=asker.headers)

    async def resume(user: Account) -> None:
        """Follows from the start, drops the socket halfway, comes back with its last seq."""
        async with signed_in(server, user) as socket:
            for frame in await socket.subscribe(cid, after_seq=0):
                resumed.apply(frame)
            await follow(resumed, socket, until_seq=resumed.last_seq + 2 * ROUNDS)
        async with signed_in(server, user) as socket:
            for frame in await socket.subscribe(cid, after_seq=resumed.last_seq):
                resumed.apply(frame)
            await follow(resumed, socket)

    async with signed_in(server, member) as writer, signed_in(server, owner) as watcher:
        answering = asyncio.create_task(answer_questions())
        writing = asyncio.gather(owner_writes(), member_writes(writer))
        resuming = asyncio.create_task(resume(member))
        async with runtime.events.subscribe_conversation(cid) as events:
            for _ in range(3 * ROUNDS):  # the stale snapshot falls well behind
                await asyncio.wait_for(events.get(), 5)
        for frame in await watcher.subscribe(cid, after_seq=stale.last_seq):
            stale.apply(frame)
        following = asyncio.create_task(follow(stale, watcher))
        await writing

        def failed() -> None:
            for task in (following, resuming, answering):
                if task.done():
                    task.result()  # raises what went wrong

        async def all_settled() -> bool:
            failed()
            return await settled(runtime, cid)

        await until(all_settled, seconds=30)
        fresh = await get_items(client, owner, cid, after_seq=0, limit=200)
        fresh_seq: int = fresh["last_seq"]

        def caught_up() -> bool:
            failed()
            return min(stale.last_seq, resumed.last_seq) >= fresh_seq

        await until(caught_up)
        for task in (following, resuming, answering):
            task.cancel()
        await asyncio.gather(following, resuming, answering, return_exceptions=True)

    assert fresh["items"], "the writers wrote nothing"
    assert stale.snapshot() == fresh["items"]
    assert resumed.snapshot() == fresh["items"]
