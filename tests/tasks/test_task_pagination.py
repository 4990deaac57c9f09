"""Keyset pagination: complete and stable pages in the documented order, for every status."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import httpx
import pytest
from sqlalchemy import text

from taskmate.api.runtime import Runtime
from taskmate.tasks.listing import TaskFilters, TaskStatus, listing_statement
from taskmate.tasks.pagination import CursorCodec, CursorValue
from tests.conftest import Account, MakeUser
from tests.tasks.helpers import API, Json, assert_error, create_task, freeze, list_tasks

STATUSES: tuple[TaskStatus, ...] = ("open", "done", "all", "deleted")


def expected_order(tasks: list[Json], status: TaskStatus) -> list[int]:
    """The protocol's order, computed independently of the server."""
    live = [task for task in tasks if task["deleted_at"] is None]
    if status == "deleted":
        trash = [task for task in tasks if task["deleted_at"] is not None]
        trash.sort(key=lambda task: (task["deleted_at"], task["id"]), reverse=True)
        return [task["id"] for task in trash]
    if status == "done":
        done = [task for task in live if task["completed_at"] is not None]
        done.sort(key=lambda task: (task["completed_at"], task["id"]), reverse=True)
        return [task["id"] for task in done]
    if status == "open":
        live = [task for task in live if task["completed_at"] is None]

    def by_due(task: Json) -> tuple[bool, str, str, int, int]:
        due = task["due"] or {"date": "", "time": None}
        return (task["due"] is None, due["date"], due["time"] or "", -task["priority"], task["id"])

    return [task["id"] for task in sorted(live, key=by_due)]


async def walk(
    client: httpx.AsyncClient, user: Account, status: TaskStatus, limit: int
) -> list[int]:
    seen: list[int] = []
    cursor = None
    for _ in range(200):
        params: dict[str, str | int] = {"status": status, "limit": limit}
        if cursor:
            params["cursor"] = cursor
        page = await list_tasks(client, user, **params)
        assert len(page["items"]) <= limit
        seen += [task["id"] for task in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            return seen
        assert len(page["items"]) == limit
    raise AssertionError("the pages never ended")


async def mixed_tasks(client: httpx.AsyncClient, user: Account, runtime: Runtime) -> list[Json]:
    """About 120 tasks with many ties: shared dates, times, priorities and timestamps."""
    rng = random.Random(7)
    clock = freeze(runtime)
    created = []
    for number in range(120):
        body: Json = {"title": f"task {number}", "priority": rng.randrange(5)}
        if rng.random() < 0.7:
            date = f"2026-03-{rng.randrange(9, 13):02d}"
            body["due"] = {"date": date, "time": rng.choice([None, "09:00", "17:30"])}
        created.append(await create_task(client, user, **body))
    for task in created:
        action = rng.random()
        if rng.random() < 0.5:
            clock.advance(seconds=1)
        if action < 0.3:
            await client.post(f"{API}/tasks/{task['id']}/complete", headers=user.headers)
        elif action < 0.45:
            await client.delete(f"{API}/tasks/{task['id']}", headers=user.headers)
    export = await client.get(f"{API}/me/export", headers=user.headers)
    tasks: list[Json] = export.json()["tasks"]
    return tasks


async def test_every_page_of_every_status(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    user = await make_user()
    tasks = await mixed_tasks(client, user, runtime)
    for status in STATUSES:
        expected = expected_order(tasks, status)
        assert len(expected) > 15, status
        assert await walk(client, user, status, limit=7) == expected, status
        assert await walk(client, user, status, limit=200) == expected, status


async def test_pages_stay_stable_while_tasks_change(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user()
    tasks = [await create_task(client, user, title=f"t{n}", priority=n % 3) for n in range(9)]
    order = expected_order(tasks, "open")
    first = await list_tasks(client, user, limit=4)
    assert [task["id"] for task in first["items"]] == order[:4]
    await create_task(client, user, title="new and early", due={"date": "2026-01-01"})
    await client.delete(f"{API}/tasks/{order[5]}", headers=user.headers)
    rest = await list_tasks(client, user, limit=10, cursor=first["next_cursor"])
    assert [task["id"] for task in rest["items"]] == [order[4], *order[6:]]


async def test_bad_cursors_are_refused(
    client: httpx.AsyncClient, make_user: MakeUser, subtests: pytest.Subtests
) -> None:
    user = await make_user()
    for title in "abc":
        await create_task(client, user, title=title)
    cursor = (await list_tasks(client, user, limit=1))["next_cursor"]
    assert isinstance(cursor, str)
    forged = CursorCodec("not the server's secret").encode("open", ["~", 0, 1])
    bad = {
        "tampered": cursor[:-1] + ("A" if cursor[-1] != "A" else "B"),
        "truncated": cursor[:10],
        "not base64": "%%%%",
        "forged": forged,
        "empty key": CursorCodec("x").encode("open", []),
    }
    for name, value in bad.items():
        with subtests.test(name):
            response = await client.get(
                f"{API}/tasks", params={"cursor": value}, headers=user.headers
            )
            assert_error(response, 422, "validation_error", field="cursor")
    other_status = await client.get(
        f"{API}/tasks", params={"cursor": cursor, "status": "done"}, headers=user.headers
    )
    assert_error(other_status, 422, "validation_error", field="cursor")


async def test_listing_reads_the_index_in_order(runtime: Runtime) -> None:
    """No sort step: each status, and a project's open tasks, walks its index. PostgreSQL is
    told to avoid table scans and sorts, which it rightly prefers for a table this small: a
    query whose order the index cannot give still shows a sort then."""
    now = datetime(2026, 3, 10, 12, tzinfo=UTC)
    by_due: list[CursorValue] = ["2026-03-10 ", 2, 5]
    by_time: list[CursorValue] = [now.isoformat(), 5]
    by_position: list[CursorValue] = [2048, 5]
    plans: list[tuple[TaskFilters, str, list[CursorValue]]] = [
        (TaskFilters(status="open"), "ix_tasks_open_order", by_due),
        (TaskFilters(status="all"), "ix_tasks_open_order", by_due),
        (TaskFilters(status="done"), "ix_tasks_user_id_completed_at_id", by_time),
        (TaskFilters(status="deleted"), "ix_tasks_user_id_deleted_at_id", by_time),
        (TaskFilters(status="open", project_id=3), "ix_tasks_list_order", by_position),
    ]
    engine = runtime.database.engine
    sqlite = runtime.database.dialect == "sqlite"
    async with runtime.database.session() as session:
        if not sqlite:
            await session.execute(text("SET LOCAL enable_seqscan = off"))
            await session.execute(text("SET LOCAL enable_sort = off"))
        for filters, index, position in plans:
            for after in (None, position):
                statement = listing_statement("user", filters, local_now=now, after=after, limit=50)
                sql = statement.compile(engine.sync_engine, compile_kwargs={"literal_binds": True})
                explain = "EXPLAIN QUERY PLAN" if sqlite else "EXPLAIN"
                plan = " | ".join(
                    str(row[-1]) for row in await session.execute(text(f"{explain} {sql}"))
                )
                if sqlite:
                    assert f"USING INDEX {index} (user_id=?" in plan, plan
                    assert "TEMP B-TREE" not in plan, plan
                else:
                    assert f"using {index} on tasks" in plan, plan
                    assert "Sort" not in plan, plan
