"""``python -m bench``: runs the benchmarks and prints each figure beside its baseline."""

from __future__ import annotations

import argparse

from bench import tasks_api
from bench.seed import Dataset

TARGETS_P99_MS = {"sqlite": 15.0, "postgresql": 25.0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tasks", type=int, default=1_000_000, help="tasks in the database")
    parser.add_argument("--target-tasks", type=int, default=10_000, help="tasks of the user")
    parser.add_argument("--users", type=int, default=100, help="accounts sharing the tasks")
    parser.add_argument("--requests", type=int, default=2000, help="timed requests per figure")
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    args = parser.parse_args()
    dataset = Dataset(total_tasks=args.tasks, target_tasks=args.target_tasks, users=args.users)
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    print(
        f"GET /tasks?limit=50 for a user with {dataset.target_tasks:,} tasks among "
        f"{dataset.total_tasks:,}; real uvicorn, one worker, sequential keep-alive client."
    )
    for backend in backends:
        result = tasks_api.run(backend, dataset, requests=args.requests)
        target = TARGETS_P99_MS[backend]
        verdict = "meets" if result.list_tasks.p99_ms < target else "MISSES"
        print(f"\n== {backend} (seeded in {result.seed_seconds:.0f} s)")
        print(f"  baseline GET /me             {result.me}")
        print(
            f"  GET /tasks (first page)      {result.list_tasks}   {verdict} p99 < {target:.0f} ms"
        )
        print(f"  GET /tasks (second page)     {result.list_second_page}")
        print(f"  baseline POST /tasks         {result.create_per_second:7.0f} requests/s")
        print(f"  POST /tasks/quick            {result.quick_add_per_second:7.0f} requests/s")


if __name__ == "__main__":
    main()
