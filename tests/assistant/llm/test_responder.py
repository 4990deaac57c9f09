"""The LLM responder with a scripted FunctionModel: every tool, the user's data only, deletes
only after confirm, and what a turn yields."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from structlog.testing import capture_logs

from taskmate.api.runtime import Runtime
from taskmate.assistant.interpreter import FindTasks, NewTask
from taskmate.assistant.llm.stream import step_label
from taskmate.assistant.tools import TaskTools
from taskmate.chat.responder import (
    Choice,
    Output,
    Step,
    StepDone,
    TextDelta,
    Title,
    ToolCallFinished,
    ToolCallStarted,
)
from tests.assistant.llm.conftest import llm_responder
from tests.assistant.llm.scripted_model import Call, ScriptedModel
from tests.assistant.llm.turns import outputs, turn
from tests.conftest import MakeUser

pytestmark = pytest.mark.usefixtures("no_model_requests")
Json = dict[str, Any]


@pytest.fixture
def tools(runtime: Runtime) -> TaskTools:
    return TaskTools(database=runtime.database, clock=runtime.clock, publisher=runtime.events)


def finished(items: list[Output]) -> list[ToolCallFinished]:
    return [item for item in items if isinstance(item, ToolCallFinished)]


def started(items: list[Output]) -> list[str]:
    return [item.name for item in items if isinstance(item, ToolCallStarted)]


def text(items: list[Output]) -> str:
    return "".join(item.text for item in items if isinstance(item, TextDelta))


async def add(tools: TaskTools, user_id: str, *titles: str) -> list[int]:
    result = await tools.add_tasks(user_id, [NewTask(title=title) for title in titles])
    return [task["id"] for task in result["tasks"]]


async def test_adding_a_task_streams_steps_the_tool_call_and_the_answer(
    runtime: Runtime, make_user: MakeUser, tools: TaskTools
) -> None:
    user = await make_user()
    script = ScriptedModel(
        [Call("add_tasks", {"tasks": [{"title": "Buy milk", "due": "tomorrow 5pm"}]})],
        "Added Buy milk for tomorrow.",
    )
    items = await outputs(llm_responder(runtime, script), turn(user.id, "add buy milk", title=None))

    [task] = (await tools.find_tasks(user.id, _all()))["tasks"]
    tomorrow = (runtime.clock() + timedelta(days=1)).date().isoformat()
    assert task["title"] == "Buy milk" and task["due"] == {
        "date": tomorrow,
        "time": "17:00",
        "text": "tomorrow 5pm",
    }
    assert [type(item) for item in items[:4]] == [Step, ToolCallStarted, ToolCallFinished, StepDone]
    assert items[0] == Step(label="Adding 'Buy milk'")
    [call] = finished(items)
    assert call.status == "succeeded" and call.result["tasks"][0]["id"] == task["id"]
    assert call.undo_until is not None and call.undo_until > runtime.clock()
    assert call.subjects == (f"task:{task['id']}",)  # the task's activity lists the call
    assert text(items).strip() == "Added Buy milk for tomorrow."
    assert items[-1] == Title(text="Scripted title")
    assert "Buy milk" in repr(script.seen[-1])  # the tool's result went back to the model


async def test_every_other_tool_acts_and_reports(
    runtime: Runtime, make_user: MakeUser, tools: TaskTools
) -> None:
    user = await make_user()
    draft, report = await add(tools, user.id, "draft", "report")
    script = ScriptedModel(
        [Call("find_tasks", {"text": "draft"})],
        [Call("update_tasks", {"ids": [draft], "changes": {"due": "friday", "priority": 4}})],
        [Call("complete_tasks", {"ids": [draft, report]})],
        [Call("reopen_tasks", {"ids": [report]})],
        [Call("add_project", {"name": "Garden"})],
        [Call("update_project", {"name": "garden", "new_name": "Yard", "color": "#22AA44"})],
        [Call("list_projects", {})],
        "All done.",
    )
    items = await outputs(llm_responder(runtime, script), turn(user.id, "tidy up"))

    assert started(items) == [
        "find_tasks",
        "update_tasks",
        "complete_tasks",
        "reopen_tasks",
        "add_project",
        "update_project",
        "list_projects",
    ]
    assert all(call.status == "succeeded" for call in finished(items))
    found, updated, completed, reopened, project, renamed, listed = (
        c.result for c in finished(items)
    )
    assert [task["id"] for task in found["tasks"]] == [draft]
    assert updated["previous"][0]["priority"] == 0 and updated["tasks"][0]["priority"] == 4
    assert updated["tasks"][0]["due"]["text"] == "friday"
    assert len(completed["tasks"]) == 2 and reopened["tasks"][0]["completed_at"] is None
    assert project["projects"][0]["name"] == renamed["previous"][0]["name"] == "Garden"
    assert (renamed["projects"][0]["name"], renamed["projects"][0]["color"]) == ("Yard", "#22aa44")
    assert [p["name"] for p in listed["projects"]] == ["Yard"]
    [reading] = [finished(items)[0]]
    assert reading.undo_until is None  # reading changes nothing
    open_ids = [task["id"] for task in (await tools.find_tasks(user.id, FindTasks()))["tasks"]]
    assert open_ids == [report]


async def test_another_users_task_ids_are_not_found_and_nothing_changes(
    runtime: Runtime, make_user: MakeUser, tools: TaskTools
) -> None:
    owner, stranger = await make_user(), await make_user()
    [secret] = await add(tools, owner.id, "secret plan")
    script = ScriptedModel(
        [Call("complete_tasks", {"ids": [secret]})],
        [Call("update_tasks", {"ids": [secret], "changes": {"title": "mine now"}})],
        [Call("delete_tasks", {"ids": [secret]})],
        "I could not find it.",
    )
    items = await outputs(llm_responder(runtime, script), turn(stranger.id, "finish #1"))

    assert [call.status for call in finished(items)] == ["failed", "failed"]
    assert not any(isinstance(item, Choice) for item in items)
    assert f"#{secret}" in finished(items)[0].result["error"]
    [task] = (await tools.find_tasks(owner.id, _all()))["tasks"]
    assert task["title"] == "secret plan" and task["completed_at"] is None


@pytest.mark.parametrize("answer", ["cancel", None])
async def test_a_delete_waits_for_the_choice_and_cancel_keeps_the_tasks(
    runtime: Runtime, make_user: MakeUser, tools: TaskTools, answer: str | None
) -> None:
    user = await make_user()
    ids = await add(tools, user.id, "Dentist", "Call Bob")
    script = ScriptedModel([Call("delete_tasks", {"ids": ids})], "Please confirm.")
    items = await outputs(
        llm_responder(runtime, script), turn(user.id, "delete both", answers=[answer])
    )

    [choice] = [item for item in items if isinstance(item, Choice)]
    assert choice.text == (
        "Delete 2 tasks: “Dentist” and “Call Bob”? You can undo this for 10 minutes."
    )
    assert [option.id for option in choice.options] == ["confirm", "cancel"]
    assert started(items) == [] and "deleted nothing" in text(items)
    assert len((await tools.find_tasks(user.id, _all()))["tasks"]) == 2


async def test_a_confirmed_delete_runs_as_an_undoable_tool_call(
    runtime: Runtime, make_user: MakeUser, tools: TaskTools
) -> None:
    user = await make_user()
    ids = await add(tools, user.id, "Dentist", "Call Bob")
    await tools.add_project(user.id, "Old")
    script = ScriptedModel(
        [Call("delete_tasks", {"ids": ids[:1]}), Call("delete_project", {"name": "old"})],
        "Confirm, please.",
    )
    question = turn(user.id, "delete the dentist and the old list", answers=["confirm", "confirm"])
    items = await outputs(llm_responder(runtime, script), question)

    assert started(items) == ["delete_tasks", "delete_project"]
    deleted, project = finished(items)
    assert deleted.status == "succeeded" and deleted.undo_until is not None
    assert deleted.result["tasks"][0]["id"] == ids[0]
    assert (deleted.subjects, project.subjects) == ((f"task:{ids[0]}",), ())
    assert project.result["projects"][0]["name"] == "Old"
    assert [t["id"] for t in (await tools.find_tasks(user.id, _all()))["tasks"]] == ids[1:]
    assert (await tools.list_projects(user.id))["projects"] == []


async def test_an_unreadable_date_fails_the_call_and_tells_the_model(
    runtime: Runtime, make_user: MakeUser, tools: TaskTools
) -> None:
    user = await make_user()
    script = ScriptedModel(
        [Call("add_tasks", {"tasks": [{"title": "x", "due": "when pigs fly"}]})], "Sorry."
    )
    items = await outputs(llm_responder(runtime, script), turn(user.id, "add x"))

    [call] = finished(items)
    assert call.status == "failed" and "not a date" in call.result["error"]
    assert "not a date" in repr(script.seen[-1])
    assert (await tools.find_tasks(user.id, _all()))["tasks"] == []


def _all() -> FindTasks:
    return FindTasks(status="all")


async def test_each_turn_logs_its_usage_without_the_messages(
    runtime: Runtime, make_user: MakeUser
) -> None:
    user = await make_user()
    script = ScriptedModel("Hello there, Ada.")
    with capture_logs() as logs:
        await outputs(llm_responder(runtime, script), turn(user.id, "secret words"))

    [entry] = [log for log in logs if log["event"] == "llm_turn"]
    assert entry["outcome"] == "answered" and entry["requests"] == 1
    assert entry["input_tokens"] > 0 and entry["output_tokens"] > 0
    assert 0 <= entry["first_token_ms"] <= entry["total_ms"]
    assert "secret words" not in repr(entry) and "Hello there" not in repr(entry)
    for direction in ("input", "output"):
        counted = runtime.metrics.registry.get_sample_value(
            "taskmate_llm_tokens_total", {"model": entry["model"], "direction": direction}
        )
        assert counted == entry[f"{direction}_tokens"]


@pytest.mark.parametrize(
    ("name", "arguments", "label"),
    [
        ("add_tasks", {"tasks": [{"title": "a"}, {"title": "b"}]}, "Adding 2 tasks"),
        ("complete_tasks", {"ids": [4, 9]}, "Completing #4, #9"),
        ("update_project", {"name": "x"}, "Changing the list 'x'"),
        ("delete_project", {"name": "x"}, "Working on your lists"),
    ],
)
def test_steps_say_what_the_assistant_does(name: str, arguments: Json, label: str) -> None:
    assert step_label(name, arguments) == label
