"""The chaos run: one cluster, one phase per fault, a verdict for each; the long form ends
with the reminders phase."""

from __future__ import annotations

import time
from dataclasses import dataclass

from chaos.client import Behaviour
from chaos.cluster import Cluster, Shape, running_cluster
from chaos.faults import FAULTS
from chaos.phase import Plan, run_phase
from chaos.reminding import ReminderOutcome, ReminderPlan, run_reminders
from chaos.verdict import Verdict


@dataclass(frozen=True, kw_only=True)
class RunForm:
    shape: Shape
    plan: Plan
    reminders: ReminderPlan | None = None  # the reminders phase, after the faults

    @classmethod
    def short(cls) -> RunForm:
        """CI's form: about two minutes in all."""
        return cls(shape=Shape(instances=2), plan=Plan(clients=6, load_after_fault=3.0))

    @classmethod
    def long(cls, minutes: float) -> RunForm:
        """At least ``minutes`` of chatting under faults, shared out between the phases."""
        load = max(10.0, minutes * 60 / len(FAULTS))
        behaviour = Behaviour(socket_lifetime=(3.0, 15.0))
        return cls(
            shape=Shape(instances=3),
            plan=Plan(clients=12, load_after_fault=load, behaviour=behaviour),
            reminders=ReminderPlan(),
        )


@dataclass(kw_only=True)
class Outcome:
    faults: list[Verdict]
    reminders: ReminderOutcome | None

    @property
    def passed(self) -> bool:
        reminded = self.reminders is None or self.reminders.passed
        return reminded and all(each.passed for each in self.faults)


async def run_chaos(form: RunForm) -> Outcome:
    verdicts = []
    reminders = None
    async with running_cluster(form.shape) as cluster:
        for fault in FAULTS:
            started = time.monotonic()
            verdict = await run_phase(cluster, fault, form.plan)
            outcome = "ok" if verdict.passed else "FAILED"
            print(f"  {fault.name}: {outcome} in {time.monotonic() - started:.0f} s", flush=True)
            if not verdict.passed:
                verdict.notes.append(f"instance logs in the failing phase:\n{cluster.logs()}")
            verdicts.append(verdict)
        if form.reminders is not None:
            reminders = await reminders_phase(cluster, form.reminders)
    return Outcome(faults=verdicts, reminders=reminders)


async def run_reminders_alone(shape: Shape, plan: ReminderPlan) -> ReminderOutcome:
    async with running_cluster(shape) as cluster:
        return await reminders_phase(cluster, plan)


async def reminders_phase(cluster: Cluster, plan: ReminderPlan) -> ReminderOutcome:
    started = time.monotonic()
    outcome = await run_reminders(cluster, plan)
    result = "ok" if outcome.passed else "FAILED"
    print(f"  reminders: {result} in {time.monotonic() - started:.0f} s", flush=True)
    if not outcome.passed:
        outcome.notes.append(f"instance logs in the failing phase:\n{cluster.logs()}")
    return outcome
