"""A turn takes its history from what the previous answer left, only while the log shows
that nothing else changed; the database answers otherwise, and both agree."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Sequence

import httpx
import pytest

from taskmate.api.runtime import Runtime
from taskmate.assistant.wiring import AssistantPolicy
from taskmate.chat.context import LogContext
from taskmate.chat.models import Item
from taskmate.chat.responder import HistoryMessage, TextDelta, Turn
from taskmate.chat.runner_history import WarmHistory
from taskmate.chat.runner_turn import History
from taskmate.chat.scripted import Script, ScriptedResponder
from taskmate.events import ConversationEvent, Event
from tests.chat.helpers import create_conversation, send
from tests.chat.runner.harness import DEADLINE
from tests.conftest import MakeUser


def message(item_id: str, content: str) -> HistoryMessage:
    return HistoryMessage(
        item_id=item_id,
        position=int(item_id),
        role="user",
        status="completed",
        author_id=None,
        author_name=None,
        content=content,
    )


def test_an_entry_holds_for_the_next_question_and_its_answer_only() -> None:
    warm = WarmHistory(size=2)
    latest = [message("1", "a"), message("2", "b"), message("3", "c")]
    warm.remember("c1", seq=10, messages=latest)

    assert warm.recall("c1", question_seq=11, last_seq=12) == tuple(latest[-2:])
    assert warm.recall("c1", question_seq=11, last_seq=12) is None  # used up

    warm.remember("c1", seq=10, messages=latest)
    assert warm.recall("c1", question_seq=11, last_seq=13) is None  # something else changed
    warm.remember("c1", seq=10, messages=latest)
    assert warm.recall("c1", question_seq=12, last_seq=13) is None  # another message first


def test_the_least_recently_answered_conversation_is_forgotten() -> None:
    warm = WarmHistory(size=2, conversations=2)
    for conversation in ("c1", "c2", "c3"):
        warm.remember(conversation, seq=1, messages=[message("1", conversation)])

    assert warm.recall("c1", question_seq=2, last_seq=3) is None
    assert warm.recall("c3", question_seq=2, last_seq=3) is not None


class TurnsSeen:
    def __init__(self) -> None:
        self.turns: list[Turn] = []

    def script(self, turn: Turn) -> Script:
        self.turns.append(turn)
        yield TextDelta(text=f"answer {len(self.turns)}")


@pytest.fixture
def seen() -> TurnsSeen:
    return TurnsSeen()


@pytest.fixture
def assistant_policy(seen: TurnsSeen) -> AssistantPolicy:
    return AssistantPolicy(responder=ScriptedResponder(seen.script))


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The positions whose history a turn read from the database."""
    positions: list[int] = []
    read = History.read

    async def counted(
        self: History, session: object, position: int, limit: int
    ) -> Sequence[HistoryMessage]:
        positions.append(position)
        return await read(self, session, position, limit)  # type: ignore[arg-type]

    monkeypatch.setattr(History, "read", counted)
    return positions


def answer_completed(runtime: Runtime) -> Awaitable[None]:
    """Waits, once awaited, for the next assistant message published completed; it watches
    from the call on. The runner has then also left what it remembers: it does so right
    after its commit, and the local broker publishes without yielding."""
    done = asyncio.Event()

    def watch(event: Event) -> None:
        if (
            isinstance(event, ConversationEvent)
            and event.kind == "item"
            and event.payload.get("role") == "assistant"
            and event.payload.get("status") == "completed"
        ):
            done.set()

    stop = runtime.events.observe(watch)

    async def completed() -> None:
        try:
            async with asyncio.timeout(DEADLINE):
                await done.wait()
        finally:
            stop()

    return completed()


async def fresh_history(runtime: Runtime, turn: Turn) -> Sequence[HistoryMessage]:
    history = History(runtime.database, turn.conversation_id)
    return await history.before(turn.message.position, len(turn.history) or 20)


async def test_consecutive_turns_take_the_history_the_last_answer_left(
    client: httpx.AsyncClient,
    make_user: MakeUser,
    runtime: Runtime,
    seen: TurnsSeen,
    reads: list[int],
) -> None:
    user = await make_user()
    conversation_id = (await create_conversation(client, user))["id"]
    for number in range(3):
        answered = answer_completed(runtime)
        await send(client, user, conversation_id, f"question {number}")
        await answered

    assert len(reads) == 1  # only the first turn read from the database
    last = seen.turns[-1]
    assert [m.content for m in last.history] == [
        "question 0",
        "answer 1",
        "question 1",
        "answer 2",
    ]
    assert list(last.history) == list(await fresh_history(runtime, last))


async def test_a_change_to_an_earlier_message_makes_the_turn_read_it_again(
    client: httpx.AsyncClient,
    make_user: MakeUser,
    runtime: Runtime,
    seen: TurnsSeen,
    reads: list[int],
) -> None:
    user = await make_user()
    conversation_id = (await create_conversation(client, user))["id"]
    answered = answer_completed(runtime)
    first = await send(client, user, conversation_id, "question 0")
    await answered
    async with runtime.database.session(write=True) as session:
        ctx = LogContext(session, clock=runtime.clock, publisher=runtime.events)
        item = await session.get(Item, first["item"]["id"])
        assert item is not None
        item.content = "question 0, edited"
        await ctx.log.touch(item)
        await ctx.commit()

    answered = answer_completed(runtime)
    await send(client, user, conversation_id, "question 1")
    await answered

    assert len(reads) == 2
    assert [m.content for m in seen.turns[-1].history] == ["question 0, edited", "answer 1"]
