"""A message to an idle assistant is answered by the instance that took it, from the send's
own transaction; one sent while an answer runs is queued and waits its turn."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from sqlalchemy import select

from taskmate.api.runtime import Runtime
from taskmate.assistant.wiring import AssistantPolicy
from taskmate.chat.models import Generation, Item
from taskmate.chat.responder import TextDelta
from taskmate.chat.scripted import ScriptedResponder
from taskmate.events import ConversationEvent, Event
from tests.chat.helpers import completed_answers, create_conversation, send, until_published
from tests.conftest import MakeUser


class Gate:
    """Holds every answer after its first word until ``open``."""

    def __init__(self) -> None:
        self._open = asyncio.Event()

    def open(self) -> None:
        self._open.set()

    async def wait(self, _delay: float) -> None:
        await self._open.wait()


@pytest.fixture
def gate() -> Gate:
    return Gate()


@pytest.fixture
def assistant_policy(gate: Gate) -> AssistantPolicy:
    script = [TextDelta(text="Sure, "), TextDelta(text="done.")]
    return AssistantPolicy(responder=ScriptedResponder(script, sleep=gate.wait))


def queued(events: list[Event]) -> list[str]:
    return [
        str(event.payload["generation_id"])
        for event in events
        if isinstance(event, ConversationEvent)
        and event.kind == "generation"
        and event.payload.get("command") == "queued"
    ]


async def generation(runtime: Runtime, generation_id: str) -> Generation:
    async with runtime.database.session() as session:
        found = await session.get(Generation, generation_id)
        assert found is not None
        return found


async def test_a_message_to_an_idle_assistant_starts_its_answer_as_it_is_stored(
    client: httpx.AsyncClient,
    make_user: MakeUser,
    runtime: Runtime,
    published: list[Event],
    gate: Gate,
) -> None:
    user = await make_user()
    conversation_id = (await create_conversation(client, user))["id"]

    sent = await send(client, user, conversation_id, "hello")

    started = await generation(runtime, sent["generation_id"])
    assert started.status == "running"
    assert started.lease_owner == runtime.instance_id
    async with runtime.database.session() as session:
        answer = await session.get(Item, started.message_item_id)
    assert answer is not None
    assert (answer.role, answer.status) == ("assistant", "streaming")
    assert answer.seq == sent["item"]["seq"] + 1
    assert queued(published) == []  # nothing went through the runner's queue

    gate.open()
    await until_published(lambda: answer.id in completed_answers(published), runtime)


async def test_a_message_sent_while_an_answer_runs_waits_its_turn(
    client: httpx.AsyncClient,
    make_user: MakeUser,
    runtime: Runtime,
    published: list[Event],
    gate: Gate,
) -> None:
    user = await make_user()
    conversation_id = (await create_conversation(client, user))["id"]
    first = (await send(client, user, conversation_id, "one"))["generation_id"]

    second = (await send(client, user, conversation_id, "two"))["generation_id"]

    assert (await generation(runtime, second)).status == "queued"
    assert queued(published) == [second]
    gate.open()
    await until_published(lambda: len(completed_answers(published)) == 2, runtime)
    async with runtime.database.session() as session:
        answers = await session.execute(
            select(Item.id, Item.generation_id)
            .where(Item.conversation_id == conversation_id, Item.role == "assistant")
            .order_by(Item.position)
        )
        ids, generations = zip(*answers.all(), strict=True)
    assert list(generations) == [first, second]
    assert completed_answers(published) == list(ids)
