"""The reminders phase: users with tasks whose reminders come due over a window, spread and
in bursts at one instant, each user's tab listening for ``reminder`` frames, while the
cluster suffers: ``kill -9`` of the instance holding a claim at a burst, PostgreSQL away
while reminders come due, then every instance down while more come due (and some made a
day old in the database, as if the cluster had been down that long) before they start
again. The verdict is ``chaos.reminder_verdict``'s."""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

import psycopg

from chaos.cluster import Cluster
from chaos.faults import POSTGRES_OUTAGE_SECONDS
from chaos.instances import STARTING_AT_ONCE, Instance, start_all
from chaos.reminder_listener import ReminderListener
from chaos.reminder_verdict import Fired, GroupVerdict, Occurrence, judge_reminders
from chaos.rest import Account
from chaos.waiting import until

SPREAD = "spread over the window"
AT_KILL = "one instant, kill -9 of the claimer"
IN_OUTAGE = "due while PostgreSQL is down"
WHILE_DOWN = "due while every instance is down"
DAY_OLD = "a day old at start"

LEAD_SECONDS = 30.0  # from the start of the set-up to the window's start
CREATING_AT_ONCE = 8
JOINING_AT_ONCE = 4
CLAIM_POLL = 0.01
CLAIM_LOOK_SECONDS = 5.0  # how long after the burst's instant the harness looks for a claim
DOWN_SECONDS = 6.0  # every instance down this long around the last reminders' due time
FIRED_SECONDS = 90.0  # how long after the restart every due reminder may take to fire
HEARD_SECONDS = 10.0  # for frames still on their way to the listeners
DAY_AND_AN_HOUR = timedelta(hours=25)


@dataclass(frozen=True, kw_only=True)
class ReminderPlan:
    users: int = 6
    window: float = 80.0  # seconds over which reminders come due, before every instance stops
    spread_per_user: int = 15
    at_kill_per_user: int = 25
    in_outage_per_user: int = 5
    while_down_per_user: int = 2
    day_old_per_user: int = 1


@dataclass(frozen=True, kw_only=True)
class Timeline:
    """The phase's instants, from the window's start."""

    start: datetime
    window: float

    def at(self, seconds: float) -> datetime:
        return self.start + timedelta(seconds=seconds)

    @property
    def kill(self) -> datetime:
        return self.at(self.window * 0.25)

    @property
    def outage(self) -> datetime:
        return self.at(self.window * 0.55)

    @property
    def in_outage(self) -> datetime:
        return self.at(self.window * 0.55 + POSTGRES_OUTAGE_SECONDS / 2)

    @property
    def all_down(self) -> datetime:
        return self.at(self.window)

    @property
    def while_down(self) -> datetime:
        return self.at(self.window + DOWN_SECONDS / 2)

    @property
    def restart(self) -> datetime:
        return self.at(self.window + DOWN_SECONDS)


@dataclass(kw_only=True)
class ReminderOutcome:
    groups: list[GroupVerdict]
    notes: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return all(group.passed for group in self.groups)


@dataclass(frozen=True, kw_only=True)
class Planned:
    account: Account
    group: str
    due: datetime


async def run_reminders(cluster: Cluster, plan: ReminderPlan) -> ReminderOutcome:
    accounts = await _join(cluster, plan.users)
    listeners = [ReminderListener(cluster.sockets, account) for account in accounts]
    listening = [asyncio.create_task(listener.run()) for listener in listeners]
    try:
        timeline = Timeline(
            start=datetime.now(UTC) + timedelta(seconds=LEAD_SECONDS), window=plan.window
        )
        occurrences = await _create(_planned(accounts, plan, timeline))
        notes = [f"{len(occurrences)} reminders of {len(accounts)} users set up"]
        struck = await _strike(cluster, timeline, [o for o in occurrences if o.group == DAY_OLD])
        notes += struck.notes
        occurrences = [
            replace(each, due=each.due - DAY_AND_AN_HOUR) if each.group == DAY_OLD else each
            for each in occurrences
        ]
        fired = await _until_fired(cluster.database_dsn, occurrences)
        if not fired:
            notes.append(f"not every reminder had fired {FIRED_SECONDS:.0f} s after the restart")
        notifications = await _notifications(cluster.database_dsn, occurrences)
        notes.append(_after_kill(occurrences, notifications, struck.killed_at))
        await until(lambda: _all_heard(listeners, occurrences, notifications), HEARD_SECONDS)
    finally:
        for task in listening:
            task.cancel()
        await asyncio.gather(*listening, return_exceptions=True)
        await asyncio.gather(*(account.taskmate.aclose() for account in accounts))
    frames = {listener.account.user_id: listener.heard for listener in listeners}
    notes += [refusal for listener in listeners for refusal in listener.refusals]
    notes.append(f"listeners reconnected {sum(each.reconnects for each in listeners)} times")
    return ReminderOutcome(groups=judge_reminders(occurrences, notifications, frames), notes=notes)


async def _join(cluster: Cluster, users: int) -> list[Account]:
    turns = asyncio.Semaphore(JOINING_AT_ONCE)

    async def join() -> Account:
        async with turns:
            return await cluster.sign_up()

    return list(await asyncio.gather(*(join() for _ in range(users))))


def _planned(accounts: list[Account], plan: ReminderPlan, timeline: Timeline) -> list[Planned]:
    """Every reminder to set: the spread ones at random instants of the window, the others
    at their group's one instant."""
    planned = []
    for account in accounts:
        for _ in range(plan.spread_per_user):
            due = timeline.at(random.uniform(1.0, plan.window))
            planned.append(Planned(account=account, group=SPREAD, due=due))
        for group, due, count in (
            (AT_KILL, timeline.kill, plan.at_kill_per_user),
            (IN_OUTAGE, timeline.in_outage, plan.in_outage_per_user),
            (WHILE_DOWN, timeline.while_down, plan.while_down_per_user),
            (DAY_OLD, timeline.while_down, plan.day_old_per_user),
        ):
            planned += [Planned(account=account, group=group, due=due) for _ in range(count)]
    return planned


async def _create(planned: list[Planned]) -> list[Occurrence]:
    """A task with one absolute reminder for each; through the cluster's REST API."""
    turns = asyncio.Semaphore(CREATING_AT_ONCE)

    async def create(index: int, each: Planned) -> Occurrence:
        async with turns:
            rest = each.account.taskmate
            task = await rest.tasks.create(f"Reminded {index}: {each.group}")
            body = {"at": each.due.isoformat()}
            reminder = await rest.rest.call("POST", f"/tasks/{task.id}/reminders", body=body)
        return Occurrence(
            reminder_id=int(reminder["id"]),
            user_id=each.account.user_id,
            group=each.group,
            due=each.due,
        )

    return list(await asyncio.gather(*(create(index, each) for index, each in enumerate(planned))))


@dataclass(frozen=True, kw_only=True)
class Struck:
    notes: list[str]
    killed_at: datetime  # just before the kill -9 at the burst


async def _strike(cluster: Cluster, timeline: Timeline, day_old: list[Occurrence]) -> Struck:
    """The faults, each at its instant of the timeline."""
    notes = []
    # from the burst's instant on, so that a spread reminder's claim just before is not taken
    # for the burst's
    await _sleep_until(timeline.kill)
    victim, seen = await _claimer(cluster, timeline.kill + timedelta(seconds=CLAIM_LOOK_SECONDS))
    killed_at = datetime.now(UTC)
    await victim.kill()
    how = "while it held a claim" if seen else "(no claim was seen: one at random)"
    took = await _timed(victim.start)
    notes.append(f"{victim.name} killed with SIGKILL {how}, started again in {took:.0f} s")
    await _sleep_until(timeline.outage)
    await cluster.proxy.outage(POSTGRES_OUTAGE_SECONDS)
    notes.append(f"PostgreSQL cut and refused for {POSTGRES_OUTAGE_SECONDS:.0f} s")
    await _sleep_until(timeline.all_down)
    await asyncio.gather(*(instance.kill() for instance in cluster.instances))
    await _make_day_old(cluster.database_dsn, day_old)
    await _sleep_until(timeline.restart)
    took = await _timed(lambda: start_all(cluster.instances))
    notes.append(
        f"every instance killed for {DOWN_SECONDS:.0f} s, then started again "
        f"({STARTING_AT_ONCE} at a time) in {took:.0f} s; {len(day_old)} reminders "
        f"moved {DAY_AND_AN_HOUR.total_seconds() / 3600:.0f} hours back meanwhile"
    )
    return Struck(notes=notes, killed_at=killed_at)


def _after_kill(
    occurrences: list[Occurrence], notifications: list[Fired], killed_at: datetime
) -> str:
    """How much of the burst another instance fired: its claim began after the kill (the
    victim's began before the harness saw its lock)."""
    burst = {each.reminder_id for each in occurrences if each.group == AT_KILL}
    after = sum(
        1 for each in notifications if each.reminder_id in burst and each.fired_at > killed_at
    )
    return f"{after} of the {len(burst)} reminders of the burst fired after the kill -9"


async def _claimer(cluster: Cluster, deadline: datetime) -> tuple[Instance, bool]:
    """The instance whose session holds reminder rows ``FOR UPDATE`` (a claim not yet
    committed), as soon as one does before ``deadline``; else one at random."""
    query = (
        "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
        " WHERE l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
        " AND l.relation = 'reminders'::regclass AND l.mode = 'RowShareLock'"
    )
    running = {instance.name: instance for instance in cluster.instances if instance.running}
    async with await psycopg.AsyncConnection.connect(
        cluster.database_dsn, autocommit=True
    ) as connection:
        while datetime.now(UTC) < deadline:
            names = [row[0] for row in await (await connection.execute(query)).fetchall()]
            holder = next((running[name] for name in names if name in running), None)
            if holder is not None:
                return holder, True
            await asyncio.sleep(CLAIM_POLL)  # polling another process's transaction
    return random.choice(list(running.values())), False


async def _make_day_old(dsn: str, day_old: list[Occurrence]) -> None:
    """Moves these reminders a day and an hour back, as if every instance had been down
    that long when they came due."""
    ids = [each.reminder_id for each in day_old]
    async with await psycopg.AsyncConnection.connect(dsn, autocommit=True) as connection:
        await connection.execute(
            "UPDATE reminders SET at = at - %s, next_fire_at = next_fire_at - %s"
            " WHERE id = ANY(%s)",
            (DAY_AND_AN_HOUR, DAY_AND_AN_HOUR, ids),
        )


async def _until_fired(dsn: str, occurrences: list[Occurrence]) -> bool:
    """Whether every reminder has fired (or been recorded as missed) within the deadline."""
    ids = [each.reminder_id for each in occurrences]
    query = "SELECT count(*) FROM reminders WHERE id = ANY(%s) AND next_fire_at IS NOT NULL"
    deadline = time.monotonic() + FIRED_SECONDS
    async with await psycopg.AsyncConnection.connect(dsn, autocommit=True) as connection:
        while time.monotonic() < deadline:
            row = await (await connection.execute(query, (ids,))).fetchone()
            if row is not None and row[0] == 0:
                return True
            await asyncio.sleep(0.5)  # the instances fire on their own schedule
    return False


async def _notifications(dsn: str, occurrences: list[Occurrence]) -> list[Fired]:
    query = (
        "SELECT id, reminder_id, fired_at, missed FROM notifications WHERE reminder_id = ANY(%s)"
    )
    async with await psycopg.AsyncConnection.connect(dsn) as connection:
        cursor = await connection.execute(query, ([each.reminder_id for each in occurrences],))
        return [
            Fired(notification_id=str(id_), reminder_id=int(reminder), fired_at=at, missed=missed)
            for id_, reminder, at, missed in await cursor.fetchall()
        ]


def _all_heard(
    listeners: list[ReminderListener], occurrences: list[Occurrence], notifications: list[Fired]
) -> bool:
    heard = {listener.account.user_id: listener.heard for listener in listeners}
    owner = {each.reminder_id: each.user_id for each in occurrences}
    return all(
        heard[owner[each.reminder_id]][each.notification_id] > 0
        for each in notifications
        if not each.missed
    )


async def _sleep_until(instant: datetime) -> None:
    await asyncio.sleep(max((instant - datetime.now(UTC)).total_seconds(), 0.0))  # the timeline


async def _timed(action: Callable[[], Awaitable[None]]) -> float:
    started = time.monotonic()
    await action()
    return time.monotonic() - started
