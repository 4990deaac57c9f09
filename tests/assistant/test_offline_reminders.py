"""Reminders through the offline assistant, end to end: a message in, the task and its
reminder in the API, the reply in the user's words and zone, undo where it is natural."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import httpx

from taskmate.api.runtime import Runtime
from taskmate.reminders.models import Notification
from tests.assistant.chat import Chat, Json, answer_text, asking, of_type, start
from tests.conftest import MakeUser

ZONE = "America/New_York"


def _local(runtime: Runtime) -> datetime:
    return runtime.clock().astimezone(ZoneInfo(ZONE))


async def _only_task(chat: Chat) -> Json:
    [task] = await chat.tasks()
    return task


def _day(fires: datetime, now: datetime) -> str:
    """How the reply names the day a reminder fires: soon after now, it is tomorrow when the
    test runs just before the user's midnight."""
    local = ZoneInfo(ZONE)
    return "today" if fires.astimezone(local).date() == now.astimezone(local).date() else "tomorrow"


async def test_remind_me_to_adds_the_task_with_a_reminder_when_it_is_due(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    chat = await start(client, make_user, timezone=ZONE)
    items = await chat.say("remind me to call mom tomorrow at 6pm")

    tomorrow = (_local(runtime) + timedelta(days=1)).date()
    task = await _only_task(chat)
    assert task["title"] == "call mom"
    assert task["due"] == {"date": tomorrow.isoformat(), "time": "18:00", "text": "tomorrow at 6pm"}
    [reminder] = task["reminders"]
    assert (reminder["kind"], reminder["before_minutes"]) == ("relative", 0)
    six_pm = datetime(tomorrow.year, tomorrow.month, tomorrow.day, 18, tzinfo=ZoneInfo(ZONE))
    assert datetime.fromisoformat(reminder["next_fire_at"]) == six_pm
    [call] = of_type(items, "tool_call")
    assert call["name"] == "add_tasks" and call["status"] == "succeeded"
    assert answer_text(items) == "I'll remind you tomorrow at 6 PM to call mom."


async def test_remind_me_in_two_minutes_typed_quickly(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    chat = await start(client, make_user, timezone=ZONE)
    before = runtime.clock()
    items = await chat.say("remnd me 2 stretch in 2 mins")

    task = await _only_task(chat)
    assert task["title"] == "stretch"
    [reminder] = task["reminders"]
    fires = datetime.fromisoformat(reminder["next_fire_at"])
    assert timedelta(minutes=1) <= fires - before <= timedelta(minutes=2)
    assert answer_text(items).startswith(f"I'll remind you {_day(fires, before)} at ")
    assert answer_text(items).endswith(" to stretch.")


async def test_a_reminder_before_the_task_just_added_and_its_undo(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    chat = await start(client, make_user, timezone=ZONE)
    await chat.say("add dentist appointment tomorrow at 3pm")
    items = await chat.say("remind me 30 minutes before")

    [call] = of_type(items, "tool_call")
    assert call["name"] == "add_reminders" and call["status"] == "succeeded"
    [reminder] = (await _only_task(chat))["reminders"]
    assert (reminder["kind"], reminder["before_minutes"]) == ("relative", 30)
    assert answer_text(items) == (
        "I'll remind you 30 minutes before “dentist appointment”, tomorrow at 2:30 PM."
    )

    await chat.undo(call)
    assert (await _only_task(chat))["reminders"] == []


async def test_remind_me_about_a_task_the_user_has_keeps_its_date(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    chat = await start(client, make_user, timezone=ZONE)
    await chat.say("add dentist appointment on friday at 4pm")
    due = (await _only_task(chat))["due"]
    items = await chat.say("remind me about the dentist tomorrow morning")

    task = await _only_task(chat)  # no second task
    assert task["due"] == due
    [reminder] = task["reminders"]
    tomorrow = (_local(runtime) + timedelta(days=1)).date()
    nine = datetime(tomorrow.year, tomorrow.month, tomorrow.day, 9, tzinfo=ZoneInfo(ZONE))
    assert reminder["kind"] == "absolute" and datetime.fromisoformat(reminder["at"]) == nine
    assert answer_text(items) == "I'll remind you tomorrow at 9 AM about “dentist appointment”."


async def test_remind_me_about_it_at_a_moment(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    chat = await start(client, make_user, timezone=ZONE)
    await chat.say("add pay the rent next friday")
    items = await chat.say("remind me about it tomorrow at 8am")

    [reminder] = (await _only_task(chat))["reminders"]
    tomorrow = (_local(runtime) + timedelta(days=1)).date()
    eight = datetime(tomorrow.year, tomorrow.month, tomorrow.day, 8, tzinfo=ZoneInfo(ZONE))
    assert reminder["kind"] == "absolute" and datetime.fromisoformat(reminder["at"]) == eight
    assert answer_text(items) == "I'll remind you tomorrow at 8 AM about “pay the rent”."


async def test_remind_me_about_something_the_user_does_not_have_adds_it(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    chat = await start(client, make_user, timezone=ZONE)
    items = await chat.say("remind me about the team lunch tomorrow at noon")

    task = await _only_task(chat)
    assert task["title"] == "team lunch" and task["due"]["time"] == "12:00"
    assert len(task["reminders"]) == 1
    assert answer_text(items) == "I'll remind you tomorrow at 12 PM about “team lunch”."


async def test_an_hour_before_a_task_without_a_time(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    chat = await start(client, make_user, timezone=ZONE)
    await chat.say("add renew passport")
    items = await chat.say("remind me an hour before the passport one")

    [call] = of_type(items, "tool_call")
    assert call["status"] == "failed"
    assert "no date" in answer_text(items)
    assert (await _only_task(chat))["reminders"] == []


async def test_what_reminders_do_i_have(client: httpx.AsyncClient, make_user: MakeUser) -> None:
    chat = await start(client, make_user, timezone=ZONE)
    await chat.say("remind me to call mom tomorrow at 6pm")
    await chat.say("add buy bread tomorrow")  # no reminder
    await chat.say("remind me to water the plants in 3 days at 9am")

    items = await chat.say("what reminders do I have?")
    [call] = of_type(items, "tool_call")
    assert call["name"] == "find_reminders" and call["result"]["total"] == 2
    text = answer_text(items)
    assert text.startswith("You have 2 reminders coming up:\n\n1. call mom — tomorrow at 6 PM\n")
    assert "2. water the plants — " in text and "buy bread" not in text

    items = await chat.say("any reminders tomorrow?")
    assert answer_text(items) == "You have 1 reminder tomorrow:\n\n1. call mom — tomorrow at 6 PM"


async def test_stop_reminding_me_keeps_the_task_and_undo_brings_the_reminder_back(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    chat = await start(client, make_user, timezone=ZONE)
    await chat.say("add dentist appointment tomorrow at 3pm")
    await chat.say("remind me an hour before it")
    await chat.say("remind me about the dentist tomorrow morning")
    assert len((await _only_task(chat))["reminders"]) == 2

    items = await chat.say("stop reminding me about the dentist")
    [call] = of_type(items, "tool_call")
    assert call["name"] == "delete_reminders"
    assert (await _only_task(chat))["reminders"] == []
    assert answer_text(items) == "I won't remind you about “dentist appointment” any more."

    await chat.undo(call)
    kinds = sorted(r["kind"] for r in (await _only_task(chat))["reminders"])
    assert kinds == ["absolute", "relative"]


async def test_deleting_the_reminders_of_a_day_asks_which_was_meant(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    chat = await start(client, make_user, timezone=ZONE)
    await chat.say("remind me to call mom tomorrow at 6pm")
    items = await chat.say("delete all reminders of tomorrow", ends=asking)

    [choice] = of_type(items, "choice")
    labels = [option["label"] for option in choice["options"]]
    assert labels == [
        "Delete the tasks of tomorrow",
        "Remove the reminders of the tasks of tomorrow",
        "Cancel",
    ]
    await chat.choose(choice, "second")
    task = await _only_task(chat)
    assert task["title"] == "call mom" and task["reminders"] == []


async def test_snoozing_the_reminder_that_went_off(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    chat = await start(client, make_user, timezone=ZONE)
    items = await chat.say("snooze that for an hour")
    assert "nothing to snooze" in answer_text(items)

    await chat.say("remind me to call mom tomorrow at 6pm")
    task = await _only_task(chat)
    [reminder] = task["reminders"]
    async with runtime.database.session(write=True) as session:  # as the scheduler fires it
        session.add(
            Notification(
                user_id=chat.user.id,
                task_id=task["id"],
                reminder_id=reminder["id"],
                fired_at=runtime.clock(),
            )
        )
        await session.commit()
    before = runtime.clock()
    items = await chat.say("snooze it for an hour")

    [call] = of_type(items, "tool_call")
    assert call["name"] == "snooze_reminder" and call["undo_until"] is None
    [reminder] = (await _only_task(chat))["reminders"]
    fires = datetime.fromisoformat(reminder["next_fire_at"])
    assert timedelta(minutes=59) <= fires - before <= timedelta(minutes=61)
    assert answer_text(items).startswith(
        f"Okay, I'll remind you about “call mom” again {_day(fires, before)} at "
    )
