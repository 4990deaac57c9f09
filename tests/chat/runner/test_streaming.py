"""A generation from start to end: items in seq order, streamed text, checkpoints."""

from __future__ import annotations

import dataclasses

import httpx

from taskmate.api.runtime import Runtime
from taskmate.chat.responder import Output, Step, StepDone, ToolCallFinished, ToolCallStarted
from taskmate.chat.scripted import ScriptedResponder, text_deltas
from tests.chat.conftest import StartRunner
from tests.chat.helpers import create_conversation, get_items, send
from tests.chat.runner.harness import FAST, Pacer, Recorder, generation_status, wait_for
from tests.conftest import MakeUser

# Many words, some beyond the Basic Multilingual Plane: offsets count code points.
TEXT = "You have **two** tasks about milk 🥛: buy it, and pour it. " * 6 + "Done 𝄞."
DELTAS = text_deltas(TEXT)
HALF = len(DELTAS) // 2
SCRIPT: list[Output] = [
    Step(label="Reading your tasks"),
    StepDone(),
    ToolCallStarted(name="list_tasks", arguments={"q": "milk"}),
    ToolCallFinished(result={"count": 2}),
    *DELTAS,
]


async def test_a_generation_streams_its_answer_and_writes_it_once(
    client: httpx.AsyncClient,
    make_user: MakeUser,
    runtime: Runtime,
    recorder: Recorder,
    start_runner: StartRunner,
) -> None:
    pacer = Pacer(deltas=HALF)
    await start_runner(
        ScriptedResponder(SCRIPT, sleep=pacer),
        timing=dataclasses.replace(FAST, checkpoint=0.05),
    )
    user = await make_user()
    conversation = await create_conversation(client, user)
    sent = await send(client, user, conversation["id"], "what about milk?")
    await wait_for(pacer.blocked)

    [streaming] = recorder.answers(conversation["id"])
    so_far = "".join(delta.text for delta in DELTAS[:HALF])
    await recorder.until(lambda: recorder.latest(streaming["id"])["content"] == so_far)
    page = await get_items(client, user, conversation["id"], after_seq=0)
    message = next(item for item in page["items"] if item["id"] == streaming["id"])
    assert (message["status"], message["content"], message["html"]) == ("streaming", so_far, None)

    pacer.release()
    await recorder.until(lambda: recorder.answers(conversation["id"], "completed"))
    page = await get_items(client, user, conversation["id"], after_seq=0)
    items = page["items"]
    assert [item["seq"] for item in items] == sorted(item["seq"] for item in items)
    by_type = {item["type"]: item for item in items if item["id"] != sent["item"]["id"]}
    assert by_type["step"]["status"] == "done"
    tool = by_type["tool_call"]
    assert (tool["status"], tool["result"], tool["arguments"]) == (
        "succeeded",
        {"count": 2},
        {"q": "milk"},
    )
    assert isinstance(tool["duration_ms"], int)
    answer = by_type["message"]
    assert (answer["status"], answer["content"], answer["role"]) == ("completed", TEXT, "assistant")
    assert answer["html"] and "<strong>two</strong>" in answer["html"]
    in_display_order = sorted(items, key=lambda item: item["position"])
    assert [item["type"] for item in in_display_order] == [
        "message",
        "message",
        "step",
        "tool_call",
    ]

    deltas = recorder.deltas(answer["id"])
    offset = 0
    for delta in deltas:
        assert delta["offset"] == offset
        assert delta["conversation_id"] == conversation["id"]
        offset += len(delta["text"])
    assert "".join(delta["text"] for delta in deltas) == TEXT
    assert len(deltas) < len(DELTAS), "deltas are coalesced"

    versions = recorder.item_versions(answer["id"])
    assert [version["status"] for version in versions].count("completed") == 1
    assert len(versions) <= 2 + 3, "created, a few checkpoints, completed: no write per token"
    assert await generation_status(runtime.database, sent["generation_id"]) == "completed"


async def test_a_checkpoint_never_carries_less_text_than_the_deltas_sent_before_it(
    client: httpx.AsyncClient,
    make_user: MakeUser,
    recorder: Recorder,
    start_runner: StartRunner,
) -> None:
    """Deltas flow with no pause while checkpoints are written as often as they can be: a
    checkpoint's text taken before its write and announced after it would be behind. Twice
    the answer waits for a checkpoint, so a fast machine cannot stream it all in between."""
    words = text_deltas("word " * 3000)
    timing = dataclasses.replace(FAST, checkpoint=0.001, coalesce_window=0)

    def streaming_checkpoints() -> int:
        return sum(
            frame["type"] == "item"
            and frame["item"]["type"] == "message"
            and frame["item"]["status"] == "streaming"
            and frame["item"]["content"] != ""
            for frame in recorder.timeline
        )

    sent_deltas = 0

    async def wait_for_a_checkpoint_now_and_then(_delay: float) -> None:
        nonlocal sent_deltas
        sent_deltas += 1
        if sent_deltas % 1000 == 0:
            seen = streaming_checkpoints()
            await recorder.until(lambda: streaming_checkpoints() > seen)

    await start_runner(
        ScriptedResponder(words, sleep=wait_for_a_checkpoint_now_and_then), timing=timing
    )
    user = await make_user()
    conversation = await create_conversation(client, user)
    await send(client, user, conversation["id"], "talk")
    [answer] = await recorder.until(lambda: recorder.answers(conversation["id"], "completed"))

    delivered, checkpoints = 0, 0
    for frame in recorder.timeline:
        if frame["type"] == "delta" and frame["item_id"] == answer["id"]:
            assert frame["offset"] == delivered
            delivered += len(frame["text"])
        elif frame["type"] == "item" and frame["item"]["id"] == answer["id"]:
            assert len(frame["item"]["content"]) >= delivered, "the text went backwards"
            checkpoints += frame["item"]["status"] == "streaming" and delivered > 0
    assert delivered == len("word " * 3000)
    assert checkpoints >= 2, "the test needs checkpoints written while text streams"
