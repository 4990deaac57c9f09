"""The model's reminder tools through the running engine (a scripted ``FunctionModel``): a task
with its reminder, a reminder on a task the user has and its undo, the reminders ahead,
stopping them, and a snooze that cannot be undone."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import httpx
import pytest

from taskmate.api.runtime import Runtime
from taskmate.assistant.wiring import AssistantPolicy
from taskmate.reminders.models import Notification
from tests.assistant.chat import LateResponder, of_type, start
from tests.assistant.llm.conftest import llm_responder
from tests.assistant.llm.scripted_model import Call, ScriptedModel
from tests.chat.runner.harness import FAST
from tests.conftest import MakeUser

pytestmark = pytest.mark.usefixtures("no_model_requests")

ZONE = "Europe/Paris"
_RESPONDER = LateResponder()


@pytest.fixture
def assistant_policy() -> AssistantPolicy:
    return AssistantPolicy(timing=FAST, responder=_RESPONDER)


def scripted(runtime: Runtime, *replies: str | list[Call]) -> ScriptedModel:
    script = ScriptedModel(*replies)
    _RESPONDER.inner = llm_responder(runtime, script)
    return script


async def test_adding_a_task_with_a_reminder_then_one_more_before_it(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    new = {"title": "Call mom", "due": "tomorrow 6pm", "remind_before_minutes": 0}
    script = scripted(runtime, [Call("add_tasks", {"tasks": [new]})], "I'll remind you.")
    chat = await start(client, make_user, timezone=ZONE)
    [added] = of_type(await chat.say("remind me to call mom tomorrow at 6pm"), "tool_call")
    assert added["status"] == "succeeded"
    [created] = await chat.tasks()
    [at_due] = created["reminders"]
    tomorrow = (runtime.clock().astimezone(ZoneInfo(ZONE)) + timedelta(days=1)).date()
    six = datetime(tomorrow.year, tomorrow.month, tomorrow.day, 18, tzinfo=ZoneInfo(ZONE))
    assert datetime.fromisoformat(at_due["next_fire_at"]) == six
    assert "I'll remind you tomorrow at 6 PM to Call mom." in script.tool_results()

    before = {"ids": [created["id"]], "before_minutes": 30}
    script = scripted(runtime, [Call("add_reminders", before)], "Done.")
    items = await chat.say("and remind me 30 minutes before")
    [call] = of_type(items, "tool_call")
    assert call["name"] == "add_reminders" and call["undo_until"] is not None
    assert [step["label"] for step in of_type(items, "step")] == ["Adding a reminder"]
    [task] = await chat.tasks()
    assert sorted(r["before_minutes"] for r in task["reminders"]) == [0, 30]
    assert "30 minutes before “Call mom”, tomorrow at 5:30 PM" in script.tool_results()

    await chat.undo(call)
    [task] = await chat.tasks()
    assert [r["before_minutes"] for r in task["reminders"]] == [0]


async def test_the_reminders_ahead_and_stopping_them(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    chat = await start(client, make_user, timezone=ZONE)
    scripted(
        runtime,
        [
            Call(
                "add_tasks",
                {
                    "tasks": [
                        {"title": "Dentist", "due": "tomorrow 3pm", "remind_before_minutes": 60},
                        {"title": "Bread", "due": "tomorrow"},
                    ]
                },
            )
        ],
        "Added.",
    )
    await chat.say("add the dentist tomorrow at 3pm, remind me an hour before, and bread")
    dentist = next(task for task in await chat.tasks() if task["title"] == "Dentist")

    script = scripted(
        runtime, [Call("find_reminders", {"day_from": "tomorrow", "day_until": "tomorrow"})], "1."
    )
    [found] = of_type(await chat.say("what reminders do I have tomorrow?"), "tool_call")
    assert found["undo_until"] is None and found["result"]["total"] == 1
    told = script.tool_results()
    assert "You have 1 reminder tomorrow." in told and f"#{dentist['id']} Dentist" in told

    scripted(runtime, [Call("delete_reminders", {"ids": [dentist["id"]]})], "Stopped.")
    [stopped] = of_type(await chat.say("stop reminding me about the dentist"), "tool_call")
    assert stopped["result"]["removed"][0]["reminder"]["before_minutes"] == 60
    assert all(task["reminders"] == [] for task in await chat.tasks())


async def test_snoozing_cannot_be_undone(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    chat = await start(client, make_user, timezone=ZONE)
    scripted(
        runtime,
        [
            Call(
                "add_tasks",
                {
                    "tasks": [
                        {"title": "Stretch", "due": "tomorrow 8am", "remind_before_minutes": 0},
                    ]
                },
            )
        ],
        "Added.",
    )
    await chat.say("remind me to stretch tomorrow at 8am")
    [task] = await chat.tasks()
    async with runtime.database.session(write=True) as session:  # as the scheduler fires it
        session.add(
            Notification(
                user_id=chat.user.id,
                task_id=task["id"],
                reminder_id=task["reminders"][0]["id"],
                fired_at=runtime.clock(),
            )
        )
        await session.commit()

    scripted(runtime, [Call("snooze_reminder", {"minutes": 15})], "Snoozed.")
    before = runtime.clock()
    [snoozed] = of_type(await chat.say("snooze it 15 min"), "tool_call")
    assert snoozed["status"] == "succeeded" and snoozed["undo_until"] is None
    [task] = await chat.tasks()
    fires = datetime.fromisoformat(task["reminders"][0]["next_fire_at"])
    assert timedelta(minutes=14) <= fires - before <= timedelta(minutes=16)
