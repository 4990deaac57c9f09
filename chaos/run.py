"""The chaos run: one cluster, one phase per fault, a verdict for each."""

from __future__ import annotations

import time
from dataclasses import dataclass

from chaos.client import Behaviour
from chaos.cluster import Shape, running_cluster
from chaos.faults import FAULTS
from chaos.phase import Plan, run_phase
from chaos.verdict import Verdict


@dataclass(frozen=True, kw_only=True)
class RunForm:
    shape: Shape
    plan: Plan

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
        )


async def run_chaos(form: RunForm) -> list[Verdict]:
    verdicts = []
    async with running_cluster(form.shape) as cluster:
        for fault in FAULTS:
            started = time.monotonic()
            verdict = await run_phase(cluster, fault, form.plan)
            outcome = "ok" if verdict.passed else "FAILED"
            print(f"  {fault.name}: {outcome} in {time.monotonic() - started:.0f} s", flush=True)
            if not verdict.passed:
                verdict.notes.append(f"instance logs in the failing phase:\n{cluster.logs()}")
            verdicts.append(verdict)
    return verdicts
