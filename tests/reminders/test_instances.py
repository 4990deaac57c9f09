"""Two instances on one PostgreSQL share a batch of due reminders: each claims some, none
fires twice."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import timedelta

import httpx
import pytest
from asgi_lifespan import LifespanManager
from fastapi import FastAPI
from sqlalchemy import select

from taskmate.api.runtime import Runtime
from taskmate.app import create_app
from taskmate.assistant.wiring import AssistantPolicy
from taskmate.config import Settings
from taskmate.reminders.models import Notification
from taskmate.reminders.scheduler import SchedulerTiming
from taskmate.reminders.wiring import ReminderPolicy, scheduler_of
from taskmate.tasks.models import Task
from tests.conftest import MakeUser
from tests.reminders.helpers import add_reminder
from tests.tasks.helpers import NOW, freeze

pytestmark = pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)

REMINDERS = 120
BATCH = 5


async def test_two_instances_fire_a_batch_exactly_once(
    client: httpx.AsyncClient,
    make_user: MakeUser,
    runtime: Runtime,
    app: FastAPI,
    settings: Settings,
) -> None:
    users = [await make_user() for _ in range(3)]
    clock = freeze(runtime)
    at = (NOW + timedelta(minutes=1)).isoformat()
    async with runtime.database.session(write=True) as db:
        tasks = [Task(user_id=users[n % 3].id, title=f"task {n}") for n in range(REMINDERS)]
        db.add_all(tasks)
        await db.commit()
    for task in tasks:
        await add_reminder(client, users[tasks.index(task) % 3], task.id, at=at)

    policy = ReminderPolicy(run=False, timing=SchedulerTiming(batch_size=BATCH))
    one = create_app(settings, assistant=AssistantPolicy(answer=False), reminders=policy)
    two = create_app(settings, assistant=AssistantPolicy(answer=False), reminders=policy)
    clock.advance(minutes=1)
    for instance in (one, two):
        instance.state.runtime.clock = clock
    async with LifespanManager(one), LifespanManager(two):
        claimed = await asyncio.gather(
            scheduler_of(one.state).fire_due(), scheduler_of(two.state).fire_due()
        )
    assert sum(claimed) == REMINDERS
    assert min(claimed) > 0, claimed  # both took part
    async with runtime.database.session() as db:
        fired = Counter(await db.scalars(select(Notification.reminder_id)))
    assert len(fired) == REMINDERS
    assert set(fired.values()) == {1}
