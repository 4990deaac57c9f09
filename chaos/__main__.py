"""``python -m chaos [--short | --minutes N]`` runs the chaos suite and prints its table;
``python -m chaos scale`` runs the scaling load test. Long runs write their tables into
docs/benchmarks.md; the exit status is 1 when a fault lost or duplicated anything."""

from __future__ import annotations

import argparse
import asyncio
import signal
import sys
import time

from bench.report import write_section

from chaos.report import BENCHMARKS, chaos_table
from chaos.run import RunForm, run_chaos


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("command", nargs="?", choices=["faults", "scale"], default="faults")
    parser.add_argument("--short", action="store_true", help="CI's form, about two minutes")
    parser.add_argument("--minutes", type=float, default=5.0, help="length of the long form")
    args = parser.parse_args()
    # SIGTERM unwinds like Ctrl-C, so the instances, Redis and the database are cleaned up
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    if args.command == "scale":
        from chaos.scale import main as scale_main

        scale_main(short=args.short)
        return
    form = RunForm.short() if args.short else RunForm.long(args.minutes)
    started = time.monotonic()
    verdicts = asyncio.run(run_chaos(form))
    minutes = (time.monotonic() - started) / 60
    table = chaos_table(verdicts)
    print(f"\nChaos run, {minutes:.1f} minutes:\n\n{table}")
    if not args.short:
        shape = form.shape
        summary = (
            f"`python -m chaos --minutes {args.minutes:g}`: {shape.instances} instances, "
            f"PostgreSQL, a private Redis, {form.plan.clients} clients per fault, "
            f"{minutes:.1f} minutes in all.\n\n"
        )
        write_section("chaos", "Chaos", summary + table, BENCHMARKS)
    sys.exit(0 if all(each.passed for each in verdicts) else 1)


main()
