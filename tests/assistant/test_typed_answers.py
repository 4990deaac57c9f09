"""Typed answers to a pending choice: read as one of its options, through the running engine."""

from __future__ import annotations

import httpx
import pytest

from taskmate.api.runtime import Runtime
from taskmate.assistant.confirm import CANCEL, CONFIRM
from taskmate.assistant.typed_answers import read_typed_answer
from taskmate.chat.models import Generation
from taskmate.chat.responder import ChoiceOption
from tests.assistant.chat import Chat, Json, answered, asking, of_type, start
from tests.chat.helpers import send
from tests.conftest import MakeUser
from tests.live_server import until

WHICH = [
    ChoiceOption(id="12", label="call bob"),
    ChoiceOption(id="13", label="call alice"),
    ChoiceOption(id="cancel", label="Cancel"),
]


@pytest.mark.parametrize(
    ("text", "option"),
    [
        ("yes", "confirm"),
        ("Yes!", "confirm"),
        ("sure, delete it", "confirm"),
        ("yep go ahead", "confirm"),
        ("ok do it", "confirm"),
        ("Delete", "confirm"),
        ("no keep it", "cancel"),
        ("nope", "cancel"),
        ("cancel", "cancel"),
        ("don't delete it", "cancel"),
        ("no, leave it as it is", "cancel"),
        ("keep", "cancel"),
        ("delete milk", None),
        ("add buy eggs", None),
        ("thanks", None),
        ("what's due today?", None),
    ],
)
def test_a_confirmation_reads_yes_and_no(text: str, option: str | None) -> None:
    assert read_typed_answer([CONFIRM, CANCEL], text) == option


@pytest.mark.parametrize(
    ("text", "option"),
    [
        ("the second one", "13"),
        ("2", "13"),
        ("first", "12"),
        ("the last one", "13"),
        ("call bob", "12"),
        ("alice", "13"),
        ("no", "cancel"),
        ("yes", None),  # which one?
        ("the fifth one", None),
        ("call", None),  # both
    ],
)
def test_a_which_one_choice_reads_places_and_labels(text: str, option: str | None) -> None:
    assert read_typed_answer(WHICH, text) == option


async def _typed(chat: Chat, choice: Json, text: str, runtime: Runtime) -> Json:
    """Types ``text`` while ``choice`` is pending; waits until the turn that asked has ended.
    Returns the choice as it ended."""
    sent = await send(chat.client, chat.user, chat.id, text)
    chat.asked_at = sent["item"]["position"]
    ended: Json = {}

    async def settled() -> bool:
        nonlocal ended
        items = await chat.items()
        ended = next(item for item in items if item["id"] == choice["id"])
        asker = [item for item in items if answered(item) and item["position"] < choice["position"]]
        return ended["status"] != "pending" and len(asker) >= 2

    await until(settled)
    async with runtime.database.session() as session:
        generation = await session.get(Generation, sent["generation_id"])
        assert generation is not None
        ended["typed_generation_status"] = generation.status
    return ended


async def _asked_to_delete(chat: Chat) -> Json:
    await chat.say("add renew passport and buy milk")
    [choice] = of_type(await chat.say("delete the passport one", ends=asking), "choice")
    return choice


async def titles(chat: Chat) -> list[str]:
    return sorted(str(task["title"]) for task in await chat.tasks())


@pytest.mark.parametrize("text", ["yes", "sure, delete it", "yep go ahead"])
async def test_typing_yes_deletes(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime, text: str
) -> None:
    chat = await start(client, make_user)
    choice = await _asked_to_delete(chat)

    ended = await _typed(chat, choice, text, runtime)

    assert (ended["status"], ended["chosen"]) == ("chosen", "confirm")
    assert await titles(chat) == ["buy milk"]
    # The "yes" was the answer: it gets no reply of its own.
    assert ended["typed_generation_status"] == "completed"
    items = await chat.items()
    assert len([item for item in items if answered(item)]) == 2
    deleted = of_type(items, "tool_call")[-1]
    assert deleted["name"] == "delete_tasks" and deleted["status"] == "succeeded"


@pytest.mark.parametrize("text", ["no keep it", "nope", "cancel"])
async def test_typing_no_keeps(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime, text: str
) -> None:
    chat = await start(client, make_user)
    choice = await _asked_to_delete(chat)

    ended = await _typed(chat, choice, text, runtime)

    assert (ended["status"], ended["chosen"]) == ("chosen", "cancel")
    assert await titles(chat) == ["buy milk", "renew passport"]
    assert [item["name"] for item in of_type(await chat.items(), "tool_call")] == ["add_tasks"]


async def test_a_new_request_still_expires_the_choice(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    chat = await start(client, make_user)
    choice = await _asked_to_delete(chat)

    ended = await _typed(chat, choice, "delete milk", runtime)

    assert ended["status"] == "expired"
    # The new request is answered on its own: it asks about milk, and nothing is deleted.
    [asked] = of_type(await chat.wait(asking), "choice")
    assert "buy milk" in asked["text"]
    assert await titles(chat) == ["buy milk", "renew passport"]
    await chat.choose(asked, "cancel")


async def test_which_one_answered_by_typing_its_place(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    chat = await start(client, make_user)
    await chat.say("add call bob, call alice and buy stamps")
    [which] = of_type(await chat.say("complete the call one", ends=asking), "choice")

    second = which["options"][1]

    ended = await _typed(chat, which, "the second one", runtime)

    assert (ended["status"], ended["chosen"]) == ("chosen", second["id"])
    [done] = await chat.tasks("done")
    assert done["id"] == int(second["id"])
    assert len(await chat.tasks()) == 2
