"""The assistant's task tools: they act for the given user only, and publish task events."""

from __future__ import annotations

import asyncio

import pytest

from taskmate.api.runtime import Runtime
from taskmate.assistant.interpreter import FindTasks, NewTask, TaskChanges
from taskmate.assistant.tools import TaskTools
from taskmate.errors import Conflict, NotFound, ValidationFailed
from taskmate.tasks.fields import ProjectFields
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
    assert [project["name"] for project in result["projects"]] == ["groceries"]
    assert result["summary"] == "Added 2 tasks: “milk” and “eggs”."


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


async def test_a_batch_that_fails_halfway_changes_and_publishes_nothing(
    tools: TaskTools, make_user: MakeUser, runtime: Runtime
) -> None:
    user, stranger = await make_user(), await make_user()
    [foreign] = (await tools.add_tasks(stranger.id, [NewTask(title="theirs")]))["tasks"]
    first, second = (await tools.add_tasks(user.id, [NewTask(title="a"), NewTask(title="b")]))[
        "tasks"
    ]
    ids = [first["id"], foreign["id"], second["id"]]
    async with runtime.events.subscribe(user.id) as events:
        with pytest.raises(NotFound):
            await tools.complete_tasks(user.id, ids)
        with pytest.raises(NotFound):
            await tools.update_tasks(user.id, ids, TaskChanges(project="errands"))
        await tools.update_tasks(user.id, [second["id"]], TaskChanges(title="b2"))
        async with asyncio.timeout(DEADLINE):
            event = await events.get()
    assert (event.kind, event.action, event.payload["title"]) == ("task", "updated", "b2")
    found, _ = await tools.live_tasks(user.id, [first["id"], second["id"]])
    assert [task["completed_at"] for task in found] == [None, None]
    assert (await tools.list_projects(user.id))["projects"] == []


async def test_updating_a_project_keeps_what_undo_needs(
    tools: TaskTools, make_user: MakeUser
) -> None:
    user = await make_user()
    [project] = (await tools.add_project(user.id, "groceries"))["projects"]
    fields = ProjectFields(name=" shopping ", color="#22AA44")
    result = await tools.update_project(user.id, project["id"], fields)
    [after], [before] = result["projects"], result["previous"]
    assert (after["name"], after["color"]) == ("shopping", "#22aa44")
    assert (before["name"], before["color"]) == ("groceries", None)
    assert result["summary"] == (
        "Renamed the list “groceries” to “shopping” and changed its colour."
    )


async def test_project_updates_are_checked(tools: TaskTools, make_user: MakeUser) -> None:
    user, stranger = await make_user(), await make_user()
    [work] = (await tools.add_project(user.id, "work"))["projects"]
    await tools.add_project(user.id, "home")
    with pytest.raises(Conflict, match="already have a project called 'Home'"):
        await tools.update_project(user.id, work["id"], ProjectFields(name="Home"))
    with pytest.raises(NotFound):
        await tools.update_project(stranger.id, work["id"], ProjectFields(archived=True))
    for fields in (ProjectFields(color="red"), ProjectFields(name="  ")):
        with pytest.raises(ValidationFailed):
            await tools.update_project(user.id, work["id"], fields)
    names = [project["name"] for project in (await tools.list_projects(user.id))["projects"]]
    assert names == ["home", "work"]


async def test_lists_are_found_by_their_name_however_it_is_typed(
    tools: TaskTools, make_user: MakeUser
) -> None:
    user = await make_user()
    await tools.add_tasks(user.id, [NewTask(title="post office", project="Errands")])
    await tools.add_tasks(user.id, [NewTask(title="errand money"), NewTask(title="milk")])
    [moved] = (await tools.add_tasks(user.id, [NewTask(title="bank", project="errand")]))["tasks"]
    errands = await tools.project_named(user.id, "my errands list")
    assert errands is not None and moved["project_id"] == errands

    found = await tools.find_tasks(user.id, FindTasks(text="errand"))  # "show my errands"
    assert sorted(task["title"] for task in found["tasks"]) == ["bank", "post office"]
    titled = await tools.find_tasks(user.id, FindTasks(text="money"))
    assert [task["title"] for task in titled["tasks"]] == ["errand money"]
    assert await tools.project_named(user.id, "work") is None
