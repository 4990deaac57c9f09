"""The assistant's task tools: they act for the given user only, and publish task events."""

from __future__ import annotations

import asyncio

import pytest

from taskmate.api.runtime import Runtime
from taskmate.assistant.interpreter import NewTask, TaskChanges
from taskmate.assistant.tools import TaskTools
from taskmate.errors import NotFound
from tests.conftest import MakeUser

DEADLINE = 5.0


@pytest.fixture
def tools(runtime: Runtime) -> TaskTools:
    return TaskTools(database=runtime.database, clock=runtime.clock, publisher=runtime.events)


async def test_adding_creates_missing_projects_and_tells_the_user(
    tools: TaskTools, make_user: MakeUser, runtime: Runtime
) -> None:
    user = await make_user()
    async with runtime.events.subscribe(user.id) as events:
        result = await tools.add_tasks(
            user.id, [NewTask(title="milk", project="groceries"), NewTask(title="eggs")]
        )
        kinds: set[tuple[str, str]] = set()
        async with asyncio.timeout(DEADLINE):
            while len(kinds) < 2:
                event = await events.get()
                kinds.add((event.kind, event.action))
    assert kinds == {("project", "created"), ("task", "created")}
    milk, eggs = result["tasks"]
    assert milk["project_id"] == result["created_project_ids"][0] and eggs["project_id"] is None
    assert result["summary"] == f"Added 2 tasks: #{milk['id']} milk; #{eggs['id']} eggs."


async def test_changes_keep_what_undo_needs(tools: TaskTools, make_user: MakeUser) -> None:
    user = await make_user()
    [task] = (await tools.add_tasks(user.id, [NewTask(title="draft", priority=1)]))["tasks"]
    result = await tools.update_tasks(user.id, [task["id"]], TaskChanges(priority=4))
    assert result["previous"][0]["priority"] == 1 and result["tasks"][0]["priority"] == 4
    done = await tools.complete_tasks(user.id, [task["id"]])
    assert done["previous"][0]["completed_at"] is None
    assert done["tasks"][0]["completed_at"] is not None


async def test_another_users_tasks_are_out_of_reach(tools: TaskTools, make_user: MakeUser) -> None:
    owner, stranger = await make_user(), await make_user()
    [task] = (await tools.add_tasks(owner.id, [NewTask(title="private")]))["tasks"]
    for act in (tools.complete_tasks, tools.delete_tasks):
        with pytest.raises(NotFound):
            await act(stranger.id, [task["id"]])
    assert await tools.live_tasks(stranger.id, [task["id"]]) == ([], [task["id"]])
    [mine], missing = await tools.live_tasks(owner.id, [task["id"]])
    assert mine["completed_at"] is None and missing == []
