"""The scheduler's own loop: it sleeps until the next due time (never a minute's polling)
and wakes when this instance writes an earlier reminder. This test runs on the real clock
for a fraction of a second: what it checks is the timer itself."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest

from taskmate.api.runtime import Runtime
from taskmate.reminders.scheduler import SchedulerTiming
from taskmate.reminders.wiring import ReminderPolicy
from tests.conftest import MakeUser
from tests.reminders.helpers import Recorder, add_reminder, notifications
from tests.tasks.helpers import create_task

AHEAD = timedelta(milliseconds=300)


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def reminder_policy(recorder: Recorder) -> ReminderPolicy:
    # Only the timer can fire in time: the periodic look is an hour away.
    return ReminderPolicy(deliverers=[recorder], timing=SchedulerTiming(check_interval=3600))


async def test_the_loop_wakes_for_a_new_reminder_and_fires_it_on_time(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime, recorder: Recorder
) -> None:
    user = await make_user()
    task = await create_task(client, user, title="Stretch")
    later = await create_task(client, user, title="Later")
    await add_reminder(
        client, user, later["id"], at=(runtime.clock() + timedelta(hours=1)).isoformat()
    )
    await add_reminder(client, user, task["id"], at=(runtime.clock() + AHEAD).isoformat())
    fired = await recorder.next()
    assert fired.task_id == task["id"]
    assert fired.late_seconds < 0.2
    assert recorder.fired.empty()
    assert [each["task"]["id"] for each in await notifications(client, user)] == [task["id"]]
