"""Finding the tasks a command points at among the user's own, by loosely typed titles."""

from __future__ import annotations

import time

import pytest

from taskmate.api.runtime import Runtime
from taskmate.assistant.interpreter import NewTask, TaskRef
from taskmate.assistant.memory import Recall
from taskmate.assistant.resolve import Resolver
from taskmate.assistant.tools import TaskTools
from tests.conftest import Account, MakeUser


@pytest.fixture
def tools(runtime: Runtime) -> TaskTools:
    return TaskTools(database=runtime.database, clock=runtime.clock, publisher=runtime.events)


async def _resolver(tools: TaskTools, user: Account, titles: list[str]) -> Resolver:
    await tools.add_tasks(user.id, [NewTask(title=title) for title in titles])
    return Resolver(tools, user_id=user.id, memory=Recall())


def _match(title: str) -> TaskRef:
    return TaskRef(kind="match", title=title)


async def test_the_dentist_one_is_the_dentist_appointment(
    tools: TaskTools, make_user: MakeUser
) -> None:
    resolver = await _resolver(tools, await make_user(), ["Dentist appointment", "call bob"])
    resolved = await resolver.resolve(_match("dentist"))
    assert [task["title"] for task in resolved.tasks] == ["Dentist appointment"]


async def test_a_name_that_only_looks_alike_is_not_found(
    tools: TaskTools, make_user: MakeUser
) -> None:
    resolver = await _resolver(tools, await make_user(), ["call bob", "pay taxes"])
    for wanted in ("call mom", "pay rent"):
        resolved = await resolver.resolve(_match(wanted))
        assert resolved.tasks == []
        assert resolved.problem == f"I couldn't find “{wanted}” among your tasks."


async def test_close_titles_are_all_returned_and_the_same_title_alone(
    tools: TaskTools, make_user: MakeUser
) -> None:
    titles = ["Dentist appointment", "pay the dentist", "buy milk", "buy milk and eggs"]
    resolver = await _resolver(tools, await make_user(), titles)
    both = await resolver.resolve(_match("dentist"))
    assert {task["title"] for task in both.tasks} == {"Dentist appointment", "pay the dentist"}
    milk = await resolver.resolve(_match("buy milk"))
    assert [task["title"] for task in milk.tasks] == ["buy milk"]


async def test_a_task_is_found_among_many(tools: TaskTools, make_user: MakeUser) -> None:
    """Far past the first page of the listing, in well under a second."""
    fillers = [f"filler task number {n}" for n in range(600)]
    resolver = await _resolver(tools, await make_user(), [*fillers, "renew passport"])
    started = time.perf_counter()
    resolved = await resolver.resolve(_match("passport renewal"))
    elapsed = time.perf_counter() - started
    assert [task["title"] for task in resolved.tasks] == ["renew passport"]
    assert elapsed < 1.0
