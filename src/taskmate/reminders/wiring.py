"""The reminder scheduler in the app: built for every app (tests and the assistant reach it
through ``scheduler_of``), run for the lifespan unless the policy says otherwise."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass, field

from starlette.datastructures import State

from taskmate.api.runtime import Runtime
from taskmate.reminders.delivery import Deliverer
from taskmate.reminders.scheduler import ReminderScheduler, SchedulerTiming

SCHEDULER_STATE = "reminder_scheduler"


@dataclass(frozen=True, kw_only=True, slots=True)
class ReminderPolicy:
    """Whether this instance runs the scheduler's loop, its timing, and who delivers fired
    reminders outside the app. Tests that fire by hand turn ``run`` off."""

    run: bool = True
    timing: SchedulerTiming = field(default_factory=SchedulerTiming)
    deliverers: Sequence[Deliverer] = ()


def scheduler_of(state: State) -> ReminderScheduler:
    scheduler: ReminderScheduler = getattr(state, SCHEDULER_STATE)
    return scheduler


@asynccontextmanager
async def reminding(state: State, runtime: Runtime, policy: ReminderPolicy) -> AsyncIterator[None]:
    scheduler = ReminderScheduler(
        database=runtime.database,
        publisher=runtime.events,
        clock=lambda: runtime.clock(),  # tests replace runtime.clock
        deliverers=policy.deliverers,
        timing=policy.timing,
    )
    setattr(state, SCHEDULER_STATE, scheduler)
    if not policy.run:
        yield
        await scheduler.close()
        return
    stop_observing = runtime.events.observe(scheduler.heard)
    loop = asyncio.create_task(scheduler.run(), name="reminder-scheduler")
    try:
        yield
    finally:
        stop_observing()
        loop.cancel()
        with suppress(asyncio.CancelledError):
            await loop
        await scheduler.close()
