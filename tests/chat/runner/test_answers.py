"""What a responder yields besides text: choices and their answers, titles, failures."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from structlog.testing import capture_logs

from taskmate.api.runtime import Runtime
from taskmate.chat.responder import (
    Choice,
    ChoiceAnswer,
    ChoiceOption,
    Output,
    TextDelta,
    Title,
    Turn,
)
from taskmate.chat.runner_run import FAILURE_TEXT
from taskmate.chat.scripted import Script, ScriptedResponder
from taskmate.events import DomainEvent
from tests.chat.conftest import StartRunner
from tests.chat.helpers import create_conversation, get_conversation, send, url
from tests.chat.runner.harness import Recorder, SilentFeed, generation_status
from tests.conftest import MakeUser

CONFIRM = (
    ChoiceOption(id="confirm", label="Delete it", style="danger"),
    ChoiceOption(id="cancel", label="Keep it"),
)


def confirm_first(turn: Turn) -> Script:
    if turn.message.content != "delete milk":
        yield TextDelta(text=f"noted: {turn.message.content}")
        return
    answer: ChoiceAnswer | None = yield Choice(text="Delete “milk”?", options=CONFIRM)
    assert answer is not None
    yield TextDelta(text=f"you said {answer.option}" if answer.option else "never mind then")


@pytest.mark.parametrize("feed", ["hub", "silent"])
async def test_a_choice_is_answered_and_the_responder_goes_on(
    feed: str,
    client: httpx.AsyncClient,
    make_user: MakeUser,
    recorder: Recorder,
    start_runner: StartRunner,
) -> None:
    """With the silent feed the choice's event never arrives: the heartbeat finds it."""
    options = {"feed": SilentFeed()} if feed == "silent" else {}
    await start_runner(ScriptedResponder(confirm_first), **options)
    user = await make_user()
    conversation_id = (await create_conversation(client, user))["id"]
    await send(client, user, conversation_id, "delete milk")
    [choice] = await recorder.until(
        lambda: [i for i in recorder.items(conversation_id) if i["type"] == "choice"]
    )
    assert (choice["status"], choice["for_user_id"], choice["text"]) == (
        "pending",
        user.id,
        "Delete “milk”?",
    )
    assert choice["options"][0] == {"id": "confirm", "label": "Delete it", "style": "danger"}

    response = await client.post(
        url(conversation_id, f"/items/{choice['id']}/choose"),
        json={"option": "confirm"},
        headers=user.headers,
    )
    assert response.status_code == 200, response.text
    [answer] = await recorder.until(lambda: recorder.answers(conversation_id, "completed"))
    assert answer["content"] == "you said confirm"


async def test_a_new_message_expires_the_pending_choice(
    client: httpx.AsyncClient,
    make_user: MakeUser,
    recorder: Recorder,
    start_runner: StartRunner,
) -> None:
    await start_runner(ScriptedResponder(confirm_first))
    user = await make_user()
    conversation_id = (await create_conversation(client, user))["id"]
    await send(client, user, conversation_id, "delete milk")
    await recorder.until(
        lambda: [i for i in recorder.items(conversation_id) if i["type"] == "choice"]
    )
    await send(client, user, conversation_id, "buy bread instead")
    await recorder.until(lambda: len(recorder.answers(conversation_id, "completed")) == 2)
    first, choice, second = recorder.items(conversation_id)
    assert (choice["type"], choice["status"]) == ("choice", "expired")
    assert [first["content"], second["content"]] == ["never mind then", "noted: buy bread instead"]


class TitleThenText:
    def __init__(self, title: str) -> None:
        self.title = title

    async def respond(self, turn: Turn) -> AsyncIterator[Output]:
        yield Title(text=self.title if turn.title is None else "ignored")
        yield TextDelta(text="ok")


async def test_a_proposed_title_names_an_untitled_conversation_once(
    client: httpx.AsyncClient,
    make_user: MakeUser,
    recorder: Recorder,
    start_runner: StartRunner,
) -> None:
    await start_runner(TitleThenText("  Milk\nand bread  "))
    user = await make_user()
    conversation_id = (await create_conversation(client, user))["id"]
    titled_id = (await create_conversation(client, user, title="Mine"))["id"]
    for target in (conversation_id, conversation_id, titled_id):
        await send(client, user, target, "hello")
    await recorder.until(lambda: len(recorder.answers(conversation_id, "completed")) == 2)
    await recorder.until(lambda: recorder.answers(titled_id, "completed"))
    assert (await get_conversation(client, user, conversation_id))["title"] == "Milk and bread"
    assert (await get_conversation(client, user, titled_id))["title"] == "Mine"
    renames = [event for event in recorder.events if isinstance(event, DomainEvent)]
    assert [(e.user_id, e.action, e.payload["title"]) for e in renames] == [
        (user.id, "updated", "Milk and bread")
    ]


class Broken:
    async def respond(self, turn: Turn) -> AsyncIterator[Output]:
        yield TextDelta(text="Let me see")
        if turn.message.content == "break":
            raise RuntimeError("internal secret: connection string")
        yield TextDelta(text=", done.")


async def test_a_failing_responder_fails_its_message_politely(
    client: httpx.AsyncClient,
    make_user: MakeUser,
    runtime: Runtime,
    recorder: Recorder,
    start_runner: StartRunner,
) -> None:
    await start_runner(Broken())
    user = await make_user()
    conversation_id = (await create_conversation(client, user))["id"]
    with capture_logs() as logs:
        sent = await send(client, user, conversation_id, "break")
        [failed] = await recorder.until(lambda: recorder.answers(conversation_id, "failed"))
    assert failed["content"] == f"Let me see\n\n{FAILURE_TEXT}"
    assert "secret" not in str(recorder.events) + str(recorder.frames)
    assert await generation_status(runtime.database, sent["generation_id"]) == "failed"
    [log] = [entry for entry in logs if entry["event"] == "generation_failed"]
    assert (log["generation_id"], log["log_level"]) == (sent["generation_id"], "error")

    await send(client, user, conversation_id, "again")
    [answer] = await recorder.until(lambda: recorder.answers(conversation_id, "completed"))
    assert answer["content"] == "Let me see, done."
