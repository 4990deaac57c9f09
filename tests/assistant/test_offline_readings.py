"""What the offline assistant does with readings the intent model decides: an offer for an
unrelated request that reads as something to do, a choice between two close readings, and
the rule readers' arguments once the model picked the family. The interpreter is injected;
the rest runs through the engine and is judged by the tasks left."""

from __future__ import annotations

from datetime import datetime

import httpx
import pytest

from taskmate.api.runtime import Runtime
from taskmate.assistant.interpreter import (
    AddTasks,
    FindTasks,
    Interpretation,
    NewTask,
    Unknown,
    interpret,
)
from taskmate.assistant.interpreter.changes import read_update
from taskmate.assistant.offline import OfflineResponder
from taskmate.assistant.tools import TaskTools
from taskmate.assistant.wiring import AssistantPolicy
from tests.assistant.chat import Chat, LateResponder, answer_text, asking, of_type, start
from tests.chat.runner.harness import FAST
from tests.conftest import MakeUser

READINGS: dict[str, Interpretation] = {
    "book a hotel in Paris": Interpretation(
        text="book a hotel in Paris",
        args=Unknown(offer=NewTask(title="book a hotel in Paris")),
    ),
    "call mom": Interpretation(
        text="call mom",
        args=AddTasks(tasks=(NewTask(title="call mom"),)),
        alternative=FindTasks(text="call mom"),
        confidence=0.52,
    ),
}
RENAMES = (
    "call the dentist appointment task dentist checkup instead",
    "dentist appointment should be called dentist checkup",
    "the dentist appointment task should be named dentist checkup",
    "name the dentist appointment task dentist checkup",
)


def model(text: str, *, now: datetime) -> Interpretation:
    """The rules, with what the intent model would decide for these messages."""
    if text in READINGS:
        return READINGS[text]
    if text in RENAMES:
        return Interpretation(text=text, args=read_update(text, now=now))
    return interpret(text, now=now)


_RESPONDER = LateResponder()


@pytest.fixture
def assistant_policy() -> AssistantPolicy:
    return AssistantPolicy(timing=FAST, responder=_RESPONDER)


@pytest.fixture(autouse=True)
def _offline_with_a_model(runtime: Runtime) -> None:
    tools = TaskTools(database=runtime.database, clock=runtime.clock, publisher=runtime.events)
    _RESPONDER.inner = OfflineResponder(
        database=runtime.database, tools=tools, clock=runtime.clock, interpret=model
    )


async def titles(chat: Chat) -> list[str]:
    return sorted(str(task["title"]) for task in await chat.tasks("all"))


async def test_an_unrelated_request_gets_an_offer_never_an_action(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    chat = await start(client, make_user)
    [offer] = of_type(await chat.say("book a hotel in Paris", ends=asking), "choice")

    assert offer["text"].startswith("I can't do that myself")
    assert "“book a hotel in Paris”" in offer["text"]
    assert await titles(chat) == []
    await chat.choose(offer, "confirm")
    assert await titles(chat) == ["book a hotel in Paris"]


async def test_declining_the_offer_adds_nothing(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    chat = await start(client, make_user)
    [offer] = of_type(await chat.say("book a hotel in Paris", ends=asking), "choice")

    items = await chat.choose(offer, "cancel")

    assert answer_text(items) == "Okay, I left your tasks as they are."
    assert await titles(chat) == []


async def test_two_close_readings_ask_which(client: httpx.AsyncClient, make_user: MakeUser) -> None:
    chat = await start(client, make_user)
    [which] = of_type(await chat.say("call mom", ends=asking), "choice")

    labels = [option["label"] for option in which["options"]]
    assert labels == ["Add “call mom” as a task", "Show tasks about “call mom”", "Cancel"]
    assert await titles(chat) == []
    items = await chat.choose(which, "first")

    assert [call["name"] for call in of_type(items, "tool_call")] == ["add_tasks"]
    assert await titles(chat) == ["call mom"]


async def test_the_other_reading_is_acted_on_when_picked(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    chat = await start(client, make_user)
    [which] = of_type(await chat.say("call mom", ends=asking), "choice")

    items = await chat.choose(which, "second")

    assert [call["name"] for call in of_type(items, "tool_call")] == ["find_tasks"]
    assert await titles(chat) == []


@pytest.mark.parametrize("words", RENAMES)
async def test_renaming_phrasings_the_model_reads_as_changes(
    client: httpx.AsyncClient, make_user: MakeUser, words: str
) -> None:
    chat = await start(client, make_user)
    await chat.say("add dentist appointment, pay rent")

    await chat.say(words)

    assert await titles(chat) == ["dentist checkup", "pay rent"]
