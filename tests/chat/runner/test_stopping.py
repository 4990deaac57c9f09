"""Ending a generation early: stop and finalize, from the database's word alone if need be."""

from __future__ import annotations

import httpx
import pytest

from taskmate.api.runtime import Runtime
from taskmate.chat.scripted import ScriptedResponder, text_deltas
from tests.chat.conftest import StartRunner
from tests.chat.helpers import create_conversation, get_conversation, get_items, send, url
from tests.chat.runner.harness import Pacer, Recorder, SilentFeed, generation_status, wait_for
from tests.conftest import MakeUser

DELTAS = text_deltas("one two three four five six")
SO_FAR = "one two three "


@pytest.mark.parametrize("feed", ["hub", "silent"])
async def test_stop_keeps_the_partial_answer(
    feed: str,
    client: httpx.AsyncClient,
    make_user: MakeUser,
    runtime: Runtime,
    recorder: Recorder,
    start_runner: StartRunner,
) -> None:
    """With the silent feed the stop event never arrives: the durable request is enough."""
    pacer = Pacer(deltas=3)
    options = {"feed": SilentFeed()} if feed == "silent" else {}
    await start_runner(ScriptedResponder(DELTAS, sleep=pacer), **options)
    user = await make_user()
    conversation_id = (await create_conversation(client, user))["id"]
    sent = await send(client, user, conversation_id, "count")
    queued = await send(client, user, conversation_id, "and again")
    await wait_for(pacer.blocked)

    response = await client.post(url(conversation_id, "/stop"), headers=user.headers)
    assert response.json() == {"stopped": True}
    [answer] = await recorder.until(lambda: recorder.answers(conversation_id, "stopped"))
    assert (answer["content"], answer["html"]) == (SO_FAR, None)
    items = (await get_items(client, user, conversation_id, after_seq=0))["items"]
    unstarted = max(items, key=lambda item: item["position"])  # written by the stop itself
    assert (unstarted["role"], unstarted["status"], unstarted["content"]) == (
        "assistant",
        "stopped",
        "",
    ), "a queued one never starts: it ends as a stopped answer to its message"
    assert unstarted["position"] > queued["item"]["position"]
    assert await generation_status(runtime.database, sent["generation_id"]) == "stopped"
    assert await generation_status(runtime.database, queued["generation_id"]) == "stopped"


async def test_finalize_stops_the_running_generation(
    client: httpx.AsyncClient,
    make_user: MakeUser,
    runtime: Runtime,
    recorder: Recorder,
    start_runner: StartRunner,
) -> None:
    pacer = Pacer(deltas=3)
    await start_runner(ScriptedResponder(DELTAS, sleep=pacer))
    user = await make_user()
    conversation_id = (await create_conversation(client, user))["id"]
    sent = await send(client, user, conversation_id, "count")
    await wait_for(pacer.blocked)

    response = await client.post(url(conversation_id, "/finalize"), headers=user.headers)
    assert response.status_code == 200, response.text
    [answer] = await recorder.until(lambda: recorder.answers(conversation_id, "stopped"))
    assert answer["content"] == SO_FAR
    assert await generation_status(runtime.database, sent["generation_id"]) == "stopped"
    conversation = await get_conversation(client, user, conversation_id)
    assert (conversation["status"], conversation["last_seq"]) == ("finalized", answer["seq"])
