"""Which generation runs when: one at a time per conversation, in order; conversations
side by side; a bound on all of them; prompt starts when told of new work."""

from __future__ import annotations

import dataclasses

import httpx

from taskmate.api.runtime import Runtime
from taskmate.chat.scripted import ScriptedResponder, text_deltas
from tests.chat.conftest import StartRunner
from tests.chat.helpers import create_conversation, send
from tests.chat.runner.harness import (
    FAST,
    HeldResponder,
    Recorder,
    generation_status,
    wait_for,
)
from tests.conftest import MakeUser


async def test_a_conversation_answers_one_message_at_a_time_in_order(
    client: httpx.AsyncClient,
    make_user: MakeUser,
    runtime: Runtime,
    recorder: Recorder,
    start_runner: StartRunner,
) -> None:
    responder = HeldResponder()
    await start_runner(responder)
    user = await make_user()
    first = (await create_conversation(client, user))["id"]
    other = (await create_conversation(client, user))["id"]
    await send(client, user, first, "one")
    await wait_for(responder.began["one"])
    later = [await send(client, user, first, text) for text in ("two", "three")]
    # Queued after "two" and "three": once it starts, the runner has seen them waiting.
    await send(client, user, other, "elsewhere")
    await wait_for(responder.began["elsewhere"])
    assert responder.started == ["one", "elsewhere"]
    assert [await generation_status(runtime.database, s["generation_id"]) for s in later] == [
        "queued",
        "queued",
    ]

    responder.let_through("one", "two", "three", "elsewhere")
    await recorder.until(lambda: len(recorder.answers(first, "completed")) == 3)
    assert responder.started[1:] == ["elsewhere", "two", "three"]
    answers = recorder.answers(first)
    assert [answer["content"] for answer in answers] == [
        "answer to one",
        "answer to two",
        "answer to three",
    ]
    assert responder.most_active == 2  # the two conversations, side by side


async def test_a_bound_caps_generations_across_conversations(
    client: httpx.AsyncClient,
    make_user: MakeUser,
    recorder: Recorder,
    start_runner: StartRunner,
) -> None:
    responder = HeldResponder()
    await start_runner(responder, max_running=2)
    user = await make_user()
    conversations = [(await create_conversation(client, user))["id"] for _ in range(3)]
    for index, conversation_id in enumerate(conversations):
        await send(client, user, conversation_id, f"m{index}")
    await wait_for(responder.began["m0"])
    await wait_for(responder.began["m1"])
    # m0 and m1 are held running: had the bound let m2 start too, most_active would be 3.
    responder.let_through("m0")
    await wait_for(responder.began["m2"])
    responder.let_through("m1", "m2")
    await recorder.until(lambda: all(recorder.answers(c, "completed") for c in conversations))
    assert responder.most_active == 2


async def test_notify_starts_work_without_waiting_for_the_poll(
    client: httpx.AsyncClient,
    make_user: MakeUser,
    runtime: Runtime,
    recorder: Recorder,
    start_runner: StartRunner,
) -> None:
    runner = await start_runner(
        ScriptedResponder(text_deltas("hello there")),
        timing=dataclasses.replace(FAST, poll=3600),
    )
    user = await make_user()
    conversation_id = (await create_conversation(client, user))["id"]
    async with runtime.events.subscribe_conversation(conversation_id) as channel:
        await send(client, user, conversation_id, "hi")
        while (event := channel.get_nowait()).kind != "generation":
            pass
    runner.notify(event)
    [answer] = await recorder.until(lambda: recorder.answers(conversation_id, "completed"))
    assert answer["content"] == "hello there"
