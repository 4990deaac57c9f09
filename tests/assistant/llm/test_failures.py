"""When the model fails: task commands fall back to the offline assistant, anything else
ends with an apology and a retry choice that runs the turn again."""

from __future__ import annotations

import pytest
from pydantic_ai.exceptions import ModelHTTPError

from taskmate.api.runtime import Runtime
from taskmate.chat.responder import Choice, TextDelta, Title, ToolCallStarted
from tests.assistant.llm.conftest import llm_responder
from tests.assistant.llm.scripted_model import Call, ScriptedModel
from tests.assistant.llm.turns import outputs, turn
from tests.conftest import MakeUser

pytestmark = pytest.mark.usefixtures("no_model_requests")


def server_error() -> ModelHTTPError:
    return ModelHTTPError(status_code=500, model_name="scripted", body="boom")


async def test_a_task_command_falls_back_to_the_offline_assistant(
    runtime: Runtime, make_user: MakeUser
) -> None:
    user = await make_user()
    script = ScriptedModel(server_error())
    items = await outputs(llm_responder(runtime, script), turn(user.id, "add pay rent tomorrow"))

    assert [item.name for item in items if isinstance(item, ToolCallStarted)] == ["add_tasks"]
    assert not any(isinstance(item, Choice) for item in items)
    assert "pay rent" in "".join(item.text for item in items if isinstance(item, TextDelta))
    errors = runtime.metrics.registry.get_sample_value(
        "taskmate_llm_errors_total", {"kind": "http_error"}
    )
    assert errors == 1


async def test_anything_else_apologises_and_retry_runs_the_turn_again(
    runtime: Runtime, make_user: MakeUser
) -> None:
    user = await make_user()
    script = ScriptedModel(server_error(), "I only know tasks.")
    question = turn(user.id, "what is the weather in Paris?", answers=["retry"])
    items = await outputs(llm_responder(runtime, script), question)

    said = "".join(item.text for item in items if isinstance(item, TextDelta))
    assert "HTTP 500" in said and "Nothing was changed" in said
    assert "Traceback" not in said and "boom" not in said
    [choice] = [item for item in items if isinstance(item, Choice)]
    assert [option.id for option in choice.options] == ["retry", "cancel"]
    assert said.endswith("I only know tasks. ")


async def test_a_failure_after_a_change_does_not_repeat_it_offline(
    runtime: Runtime, make_user: MakeUser
) -> None:
    user = await make_user()
    script = ScriptedModel([Call("add_tasks", {"tasks": [{"title": "pay rent"}]})], server_error())
    items = await outputs(
        llm_responder(runtime, script), turn(user.id, "add pay rent", answers=["cancel"])
    )

    assert [item.name for item in items if isinstance(item, ToolCallStarted)] == ["add_tasks"]
    said = "".join(item.text for item in items if isinstance(item, TextDelta))
    assert "What I changed before that stays done" in said


async def test_without_a_title_from_the_model_the_first_message_names_the_conversation(
    runtime: Runtime, make_user: MakeUser
) -> None:
    user = await make_user()
    script = ScriptedModel("Sure.", title="")
    items = await outputs(
        llm_responder(runtime, script), turn(user.id, "plan the garden party", title=None)
    )
    assert items[-1] == Title(text="Plan the garden party")
