"""A turn takes its history from what the previous answer left, only while the log shows
that nothing else changed; the database answers otherwise, and both agree."""

from __future__ import annotations

from collections.abc import Sequence

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
from taskmate.events import Event
from tests.chat.helpers import (
    Json,
    completed_answers,
    create_conversation,
    send,
    until_published,
)
from tests.conftest import Account, MakeUser


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

    assert warm.recall("c1", question_seq=11, question_position=4, last_seq=12) == tuple(
        latest[-2:]
    )
    assert warm.recall("c1", question_seq=11, question_position=4, last_seq=12) is None  # used up

    warm.remember("c1", seq=10, messages=latest)
    assert (
        warm.recall("c1", question_seq=11, question_position=4, last_seq=13) is None
    )  # something else changed
    warm.remember("c1", seq=10, messages=latest)
    assert warm.recall("c1", question_seq=12, question_position=4, last_seq=13) is None
    warm.remember("c1", seq=10, messages=latest)
    # A message that asked nothing of the assistant came in while the last answer streamed.
    assert warm.recall("c1", question_seq=11, question_position=5, last_seq=12) is None


def test_the_least_recently_answered_conversation_is_forgotten() -> None:
    warm = WarmHistory(size=2, conversations=2)
    for conversation in ("c1", "c2", "c3"):
        warm.remember(conversation, seq=1, messages=[message("1", conversation)])

    assert warm.recall("c1", question_seq=2, question_position=2, last_seq=3) is None
    assert warm.recall("c3", question_seq=2, question_position=2, last_seq=3) is not None


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


async def answer(
    client: httpx.AsyncClient,
    user: Account,
    conversation_id: str,
    content: str,
    published: list[Event],
    runtime: Runtime,
) -> Json:
    """Sends a message and waits until its answer is published completed (the runner has
    then also left what it remembers: it does so right after its commit, and the local
    broker publishes without yielding)."""
    answers = len(completed_answers(published))
    sent = await send(client, user, conversation_id, content)
    await until_published(lambda: len(completed_answers(published)) > answers, runtime)
    return sent


async def fresh_history(runtime: Runtime, turn: Turn) -> Sequence[HistoryMessage]:
    history = History(runtime.database, turn.conversation_id)
    return await history.before(turn.message.position, len(turn.history) or 20)


async def test_consecutive_turns_take_the_history_the_last_answer_left(
    client: httpx.AsyncClient,
    make_user: MakeUser,
    runtime: Runtime,
    seen: TurnsSeen,
    reads: list[int],
    published: list[Event],
) -> None:
    user = await make_user()
    conversation_id = (await create_conversation(client, user))["id"]
    for number in range(3):
        await answer(client, user, conversation_id, f"question {number}", published, runtime)

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
    published: list[Event],
) -> None:
    user = await make_user()
    conversation_id = (await create_conversation(client, user))["id"]
    first = await answer(client, user, conversation_id, "question 0", published, runtime)
    async with runtime.database.session(write=True) as session:
        ctx = LogContext(session, clock=runtime.clock, publisher=runtime.events)
        item = await session.get(Item, first["item"]["id"])
        assert item is not None
        item.content = "question 0, edited"
        await ctx.log.touch(item)
        await ctx.commit()

    await answer(client, user, conversation_id, "question 1", published, runtime)

    assert len(reads) == 2
    assert [m.content for m in seen.turns[-1].history] == ["question 0, edited", "answer 1"]
