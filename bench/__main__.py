"""``python -m bench [all|chat|tasks|understanding|reminders] [--quick]``: runs the benchmarks
and prints each figure beside its baseline; a full run also writes ``docs/benchmarks.md``."""

from __future__ import annotations

import argparse
from pathlib import Path

from bench import chat, reminders, tasks_api, understanding
from bench.report import Table, describe, write_markdown, write_section
from bench.seed import Dataset
from bench.server import pin_client, raise_open_files_limit
from bench.tables import chat_table, tasks_table

DOCS = Path(__file__).parent.parent / "docs" / "benchmarks.md"
QUICK_DATASET = Dataset(total_tasks=20_000, target_tasks=2_000, users=10)
PREAMBLE = (
    "Each figure is printed beside a baseline measured in the same run. Numbers from a machine "
    "busy with other work are noisy: compare them with their baselines, not across runs."
)


def _chat(backends: list[str], sizes: chat.ChatSizes) -> Table:
    pin_client()
    print("Chat engine: bare uvicorn baseline ...", flush=True)
    echo = chat.run_echo(sizes)
    ours = {}
    for backend in backends:
        print(f"Chat engine: Taskmate on {backend} ...", flush=True)
        ours[backend] = chat.run_ours(backend, sizes)
    return chat_table(echo, ours, sizes)


def _tasks(backends: list[str], dataset: Dataset, requests: int) -> Table:
    results = []
    for backend in backends:
        print(f"Task API: {backend} ...", flush=True)
        results.append(tasks_api.run(backend, dataset, requests=requests))
    description = (
        f"GET /tasks?limit=50 for a user with {dataset.target_tasks:,} tasks among "
        f"{dataset.total_tasks:,}; real uvicorn, one worker, sequential keep-alive client; "
        f"seeding took {', '.join(f'{r.seed_seconds:.0f} s' for r in results)}."
    )
    return tasks_table(results, description=description)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "which",
        nargs="?",
        choices=["all", "chat", "tasks", "understanding", "reminders"],
        default="all",
    )
    parser.add_argument("--quick", action="store_true", help="tiny sizes, for smoke checks")
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--requests", type=int, default=2000, help="timed requests per figure")
    parser.add_argument("--tasks", type=int, default=1_000_000, help="tasks in the database")
    parser.add_argument("--target-tasks", type=int, default=10_000, help="tasks of the user")
    parser.add_argument("--users", type=int, default=100, help="accounts sharing the tasks")
    parser.add_argument(
        "--markdown",
        type=Path,
        help=f"where to write the results (default: {DOCS} on full runs of everything)",
    )
    args = parser.parse_args()
    raise_open_files_limit()
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    markdown = args.markdown or (DOCS if args.which == "all" and not args.quick else None)
    tables = []

    def finished(table: Table) -> None:
        """Keeps the table, and the Markdown so far (a long run that dies keeps its parts)."""
        tables.append(table)
        if markdown:
            write_markdown(markdown, tables, preamble=PREAMBLE)
            print(f"Written to {markdown}", flush=True)

    if args.which in ("all", "chat"):
        finished(_chat(backends, chat.QUICK if args.quick else chat.ChatSizes()))
    if args.which in ("all", "tasks"):
        dataset = (
            QUICK_DATASET
            if args.quick
            else Dataset(total_tasks=args.tasks, target_tasks=args.target_tasks, users=args.users)
        )
        finished(_tasks(backends, dataset, 100 if args.quick else args.requests))
    if args.which in ("all", "understanding"):
        print("Offline interpreter ...", flush=True)
        sample = 200 if args.quick else understanding.SAMPLE
        interpreter = understanding.table(understanding.run(sample), sample)
        print(f"\n{interpreter.text()}")
        if not args.quick:
            target = args.markdown or DOCS
            write_section(
                "understanding",
                "Offline interpreter",
                describe(interpreter, command="python -m bench understanding"),
                target,
            )
            print(f"Written to {target}", flush=True)
    if args.which in ("all", "reminders"):
        print("Reminders ...", flush=True)
        users = 10 if args.quick else 1000
        results = [reminders.run(backend, users=users) for backend in backends]
        if "postgresql" in backends:
            results.append(reminders.run("postgresql", users=users, instances=2))
        firing = reminders.table(results)
        print(f"\n{firing.text()}")
        if not args.quick:
            target = args.markdown or DOCS
            command = "python -m bench reminders" + (
                "" if args.backend == "both" else f" --backend {args.backend}"
            )
            write_section(
                "reminder-firing", "Reminders firing", describe(firing, command=command), target
            )
            print(f"Written to {target}", flush=True)
    for table in tables:
        print(f"\n{table.text()}")


if __name__ == "__main__":
    main()
