"""Leases: exactly one instance runs each generation; a dead instance's generations are
interrupted and can be answered again; shutdown lets running ones finish, then interrupts."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import AsyncIterator
from contextlib import suppress

import httpx

from taskmate.api.runtime import Runtime
from taskmate.chat.responder import Output, TextDelta, Turn
from taskmate.chat.scripted import ScriptedResponder, text_deltas
from taskmate.config import Settings
from taskmate.db.engine import Database
from tests.chat.conftest import MakeRunner, StartRunner
from tests.chat.helpers import create_conversation, send, url
from tests.chat.runner.harness import FAST, Pacer, Recorder, generation_status, wait_for
from tests.conftest import MakeUser
from tests.tasks.helpers import freeze


class CountingResponder:
    """Answers with the runner's name, and counts the generations it ran."""

    def __init__(self, name: str, runs: list[str]) -> None:
        self._name = name
        self._runs = runs

    async def respond(self, turn: Turn) -> AsyncIterator[Output]:
        self._runs.append(turn.generation_id)
        await asyncio.sleep(0)
        yield TextDelta(text=self._name)


async def test_two_runners_on_one_database_run_each_generation_once(
    client: httpx.AsyncClient,
    make_user: MakeUser,
    settings: Settings,
    recorder: Recorder,
    start_runner: StartRunner,
) -> None:
    runs: list[str] = []
    other_database = Database(settings.resolved_database_url)
    try:
        await start_runner(CountingResponder("first", runs), instance_id="first")
        await start_runner(
            CountingResponder("second", runs), instance_id="second", database=other_database
        )
        user = await make_user()
        conversations = [(await create_conversation(client, user))["id"] for _ in range(4)]
        sent = [
            await send(client, user, conversation_id, f"message {turn}")
            for turn in range(3)
            for conversation_id in conversations
        ]
        await recorder.until(
            lambda: all(len(recorder.answers(c, "completed")) == 3 for c in conversations)
        )
    finally:
        await other_database.dispose()
    assert sorted(runs) == sorted(message["generation_id"] for message in sent)
    answers = [answer for c in conversations for answer in recorder.answers(c)]
    assert {answer["content"] for answer in answers} <= {"first", "second"}


async def test_a_dead_instances_generation_is_interrupted_and_can_be_answered_again(
    client: httpx.AsyncClient,
    make_user: MakeUser,
    runtime: Runtime,
    recorder: Recorder,
    make_runner: MakeRunner,
    start_runner: StartRunner,
) -> None:
    user = await make_user()
    clock = freeze(runtime)
    conversation_id = (await create_conversation(client, user))["id"]
    pacer = Pacer(deltas=2)
    doomed = make_runner(
        ScriptedResponder(text_deltas("partial answer that never ends"), sleep=pacer),
        timing=dataclasses.replace(FAST, checkpoint=0.05),
    )
    crashed = asyncio.create_task(doomed.run())
    sent = await send(client, user, conversation_id, "hello")
    await wait_for(pacer.blocked)
    [streaming] = recorder.answers(conversation_id)
    await recorder.until(lambda: recorder.latest(streaming["id"])["content"] == "partial answer ")
    crashed.cancel()  # the process dies: nothing more is written
    with suppress(asyncio.CancelledError):
        await crashed

    await start_runner(ScriptedResponder(text_deltas("a full answer")))
    clock.advance(seconds=FAST.lease_ttl + 1)
    [interrupted] = await recorder.until(lambda: recorder.answers(conversation_id, "interrupted"))
    assert (interrupted["id"], interrupted["content"]) == (streaming["id"], "partial answer ")
    assert await generation_status(runtime.database, sent["generation_id"]) == "interrupted"

    response = await client.post(url(conversation_id, "/regenerate"), headers=user.headers)
    assert response.status_code == 202, response.text
    [answer] = await recorder.until(lambda: recorder.answers(conversation_id, "completed"))
    assert answer["content"] == "a full answer"


async def test_close_lets_running_generations_finish_within_the_grace(
    client: httpx.AsyncClient,
    make_user: MakeUser,
    recorder: Recorder,
    start_runner: StartRunner,
) -> None:
    pacer = Pacer(deltas=1)
    runner = await start_runner(ScriptedResponder(text_deltas("almost done"), sleep=pacer))
    user = await make_user()
    conversation_id = (await create_conversation(client, user))["id"]
    await send(client, user, conversation_id, "hello")
    await wait_for(pacer.blocked)
    closing = asyncio.create_task(runner.close(grace=30))
    pacer.release()
    await closing
    [answer] = recorder.answers(conversation_id)
    assert (answer["status"], answer["content"]) == ("completed", "almost done")


async def test_close_interrupts_what_outlives_the_grace_keeping_its_text(
    client: httpx.AsyncClient,
    make_user: MakeUser,
    runtime: Runtime,
    recorder: Recorder,
    start_runner: StartRunner,
) -> None:
    pacer = Pacer(deltas=1)
    runner = await start_runner(ScriptedResponder(text_deltas("never finished"), sleep=pacer))
    user = await make_user()
    conversation_id = (await create_conversation(client, user))["id"]
    sent = await send(client, user, conversation_id, "hello")
    await wait_for(pacer.blocked)
    await recorder.until(lambda: recorder.frames)  # the first word was streamed
    await runner.close(grace=0)
    [answer] = recorder.answers(conversation_id)
    assert (answer["status"], answer["content"]) == ("interrupted", "never ")
    assert await generation_status(runtime.database, sent["generation_id"]) == "interrupted"
