"""``python -m chaos [--short | --minutes N]`` runs the chaos suite and prints its table;
``python -m chaos reminders`` runs its reminders phase alone (the long form ends with it);
``python -m chaos scale`` runs the scaling load test. Long runs write their tables into
docs/benchmarks.md; the exit status is 1 when a fault lost or duplicated anything."""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sys
import time
from datetime import UTC, datetime

from bench.report import write_section

from chaos.reminding import ReminderOutcome
from chaos.report import BENCHMARKS, chaos_table, reminders_table
from chaos.run import RunForm, run_chaos, run_reminders_alone


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "command", nargs="?", choices=["faults", "reminders", "scale"], default="faults"
    )
    parser.add_argument("--short", action="store_true", help="CI's form, about two minutes")
    parser.add_argument("--minutes", type=float, default=5.0, help="length of the long form")
    args = parser.parse_args()
    # SIGTERM unwinds like Ctrl-C, so the instances, Redis and the database are cleaned up
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    if args.command == "scale":
        from chaos.scale import main as scale_main

        scale_main(short=args.short)
        return
    if args.command == "reminders":
        _reminders_alone(RunForm.long(args.minutes))
        return
    form = RunForm.short() if args.short else RunForm.long(args.minutes)
    started = time.monotonic()
    outcome = asyncio.run(run_chaos(form))
    minutes = (time.monotonic() - started) / 60
    table = chaos_table(outcome.faults)
    print(f"\nChaos run, {minutes:.1f} minutes:\n\n{table}")
    if not args.short:
        shape = form.shape
        summary = (
            f"`python -m chaos --minutes {args.minutes:g}`: {shape.instances} instances, "
            f"PostgreSQL, a private Redis, {form.plan.clients} clients per fault, "
            f"{minutes:.1f} minutes in all (the reminders phase included).\n\n"
        )
        write_section("chaos", "Chaos", summary + table, BENCHMARKS)
    if outcome.reminders is not None:
        _report_reminders(outcome.reminders, "`python -m chaos` (its last phase)", form)
    sys.exit(0 if outcome.passed else 1)


def _reminders_alone(form: RunForm) -> None:
    assert form.reminders is not None
    outcome = asyncio.run(run_reminders_alone(form.shape, form.reminders))
    _report_reminders(outcome, "`python -m chaos reminders`", form)
    sys.exit(0 if outcome.passed else 1)


def _report_reminders(outcome: ReminderOutcome, command: str, form: RunForm) -> None:
    """Prints the reminders table and writes it into docs/benchmarks.md."""
    table = reminders_table(outcome)
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    summary = (
        f"{command}, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, load average {load} at the end "
        f"({os.cpu_count()} cores): {form.shape.instances} instances on "
        "PostgreSQL and a private Redis. Lost and duplicated in-app must be 0; frames not "
        "heard are reminders that fired while their user's socket was reconnecting (the "
        "notification is there, as the web client lists it on reconnect).\n\n"
    )
    print(f"\nReminders:\n\n{summary}{table}")
    write_section("reminders", "Chaos: reminders that fire", summary + table, BENCHMARKS)


main()
