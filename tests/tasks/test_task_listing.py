"""``GET /tasks``: statuses, orders and filters."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from taskmate.api.runtime import Runtime
from tests.conftest import MakeUser
from tests.tasks.helpers import (
    API,
    assert_error,
    create_project,
    create_task,
    freeze,
    list_tasks,
    task_ids,
)


async def test_open_tasks_by_due_date_then_priority(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user()
    undated_high = await create_task(client, user, title="a", priority=4)
    undated_low = await create_task(client, user, title="b", priority=0)
    timed = await create_task(client, user, title="c", due={"date": "2026-03-10", "time": "09:00"})
    all_day = await create_task(client, user, title="d", due={"date": "2026-03-10"})
    all_day_urgent = await create_task(
        client, user, title="e", due={"date": "2026-03-10"}, priority=4
    )
    earlier = await create_task(
        client, user, title="f", due={"date": "2026-03-01", "time": "23:00"}
    )
    same_as_timed = await create_task(
        client, user, title="g", due={"date": "2026-03-10", "time": "09:00"}
    )
    expected = [earlier, all_day_urgent, all_day, timed, same_as_timed, undated_high, undated_low]
    assert await task_ids(client, user) == [task["id"] for task in expected]


async def test_statuses(client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime) -> None:
    user = await make_user()
    clock = freeze(runtime)
    first_done, second_done, open_task, deleted = [
        await create_task(client, user, title=title) for title in ("d1", "d2", "o", "x")
    ]
    await client.post(f"{API}/tasks/{first_done['id']}/complete", headers=user.headers)
    clock.advance(seconds=1)
    await client.post(f"{API}/tasks/{second_done['id']}/complete", headers=user.headers)
    await client.delete(f"{API}/tasks/{deleted['id']}", headers=user.headers)

    assert await task_ids(client, user) == [open_task["id"]]
    assert await task_ids(client, user, status="open") == [open_task["id"]]
    assert await task_ids(client, user, status="done") == [second_done["id"], first_done["id"]]
    assert await task_ids(client, user, status="all") == [
        first_done["id"],
        second_done["id"],
        open_task["id"],
    ]
    assert await task_ids(client, user, status="deleted") == [deleted["id"]]


async def test_filters(client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime) -> None:
    user = await make_user()
    freeze(runtime)
    work = await create_project(client, user, name="Work")
    report = await create_task(
        client,
        user,
        title="Quarterly REPORT",
        project_id=work["id"],
        labels=["office"],
        due={"date": "2026-03-05"},
    )
    slides = await create_task(
        client,
        user,
        title="slides",
        description="for the report meeting",
        labels=["office", "deep"],
        due={"date": "2026-03-07"},
    )
    discount = await create_task(client, user, title="100% off_sale", due={"date": "2026-03-09"})
    later = await create_task(client, user, title="later")

    def ids(*tasks: dict[str, Any]) -> list[int]:
        return [task["id"] for task in tasks]

    assert await task_ids(client, user, project_id=work["id"]) == ids(report)
    assert await task_ids(client, user, label="office") == ids(report, slides)
    assert await task_ids(client, user, label="deep") == ids(slides)
    assert await task_ids(client, user, label="Office") == []
    assert await task_ids(client, user, q="report") == ids(report, slides)
    assert await task_ids(client, user, q="  REPORT ") == ids(report, slides)
    assert await task_ids(client, user, q="100%") == ids(discount)
    assert await task_ids(client, user, q="%") == ids(discount)
    assert await task_ids(client, user, q="f_s") == ids(discount)
    assert await task_ids(client, user, q="_") == ids(discount)
    assert await task_ids(client, user, q="later") == ids(later)
    assert await task_ids(client, user, due_after="2026-03-07") == ids(slides, discount)
    assert await task_ids(client, user, due_before="2026-03-07") == ids(report, slides)
    assert await task_ids(
        client, user, due_after="2026-03-06", due_before="2026-03-08", label="office"
    ) == ids(slides)


async def test_parent_id_lists_the_subtasks_of_one_task(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user, other = await make_user(), await make_user()
    parent = await create_task(client, user, title="trip")
    packed = await create_task(client, user, title="pack", parent_id=parent["id"])
    booked = await create_task(client, user, title="book", parent_id=parent["id"])
    await create_task(client, user, title="elsewhere")
    await client.post(f"{API}/tasks/{packed['id']}/complete", headers=user.headers)

    assert await task_ids(client, user, parent_id=parent["id"]) == [booked["id"]]
    assert sorted(await task_ids(client, user, parent_id=parent["id"], status="all")) == sorted(
        [packed["id"], booked["id"]]
    )
    assert await task_ids(client, other, parent_id=parent["id"], status="all") == []


async def test_overdue_is_judged_in_the_users_time_zone(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    user = await make_user(timezone="America/New_York")
    freeze(runtime)  # 12:00 UTC is 08:00 on 2026-03-10 in New York
    yesterday = await create_task(client, user, title="a", due={"date": "2026-03-09"})
    early = await create_task(client, user, title="b", due={"date": "2026-03-10", "time": "07:59"})
    await create_task(client, user, title="c", due={"date": "2026-03-10", "time": "09:00"})
    await create_task(client, user, title="d", due={"date": "2026-03-10"})
    await create_task(client, user, title="e", due={"date": "2026-03-11"})
    await create_task(client, user, title="f")
    done = await create_task(client, user, title="g", due={"date": "2026-03-01"})
    await client.post(f"{API}/tasks/{done['id']}/complete", headers=user.headers)

    overdue = [yesterday["id"], early["id"]]
    assert await task_ids(client, user, overdue="true") == overdue
    assert await task_ids(client, user, overdue="true", status="all") == overdue
    assert len(await task_ids(client, user, overdue="false")) == 6


async def test_updated_after_serves_polling(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    user = await make_user()
    clock = freeze(runtime)
    first = await create_task(client, user, title="first")
    clock.advance(seconds=1)
    second = await create_task(client, user, title="second")
    clock.advance(seconds=1)
    await client.patch(f"{API}/tasks/{first['id']}", json={"priority": 1}, headers=user.headers)

    since = first["updated_at"]
    assert await task_ids(client, user, updated_after=since) == [first["id"], second["id"]]
    assert await task_ids(client, user, updated_after=second["updated_at"]) == [first["id"]]
    later = await task_ids(client, user, updated_after="2026-03-10T13:00:01+01:00")
    assert later == [first["id"]]


async def test_project_filter_needs_a_live_project_of_the_user(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user()
    project = await create_project(client, user, name="Old")
    await client.delete(f"{API}/projects/{project['id']}", headers=user.headers)
    for project_id in (project["id"], project["id"] + 1000):
        response = await client.get(
            f"{API}/tasks", params={"project_id": project_id}, headers=user.headers
        )
        assert_error(response, 404, "not_found")


INVALID_QUERIES: list[tuple[dict[str, Any], str]] = [
    ({"status": "finished"}, "status"),
    ({"limit": 0}, "limit"),
    ({"limit": 201}, "limit"),
    ({"limit": "many"}, "limit"),
    ({"due_before": "tomorrow"}, "due_before"),
    ({"due_after": "2026-13-01"}, "due_after"),
    ({"overdue": "maybe"}, "overdue"),
    ({"updated_after": "2026-03-10T12:00:00"}, "updated_after"),
    ({"updated_after": "0001-01-01T00:00:00+00:01"}, "updated_after"),
    ({"project_id": "inbox"}, "project_id"),
    ({"label": ""}, "label"),
    ({"q": "x" * 201}, "q"),
]


async def test_invalid_query_parameters(
    client: httpx.AsyncClient, make_user: MakeUser, subtests: pytest.Subtests
) -> None:
    user = await make_user()
    for params, field in INVALID_QUERIES:
        with subtests.test(params=params):
            response = await client.get(f"{API}/tasks", params=params, headers=user.headers)
            assert_error(response, 422, "validation_error", field=field)


async def test_limit_bounds(client: httpx.AsyncClient, make_user: MakeUser) -> None:
    user = await make_user()
    for title in "abc":
        await create_task(client, user, title=title)
    page = await list_tasks(client, user, limit=1)
    assert len(page["items"]) == 1 and page["next_cursor"]
    page = await list_tasks(client, user, limit=200)
    assert len(page["items"]) == 3 and page["next_cursor"] is None
