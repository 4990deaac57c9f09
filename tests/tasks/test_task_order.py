"""The order people give the tasks of a project or the inbox: new ones go last, a move puts a
task before or after another, and a project's open tasks are listed in that order."""

from __future__ import annotations

from typing import Any

import httpx

from taskmate.api.runtime import Runtime
from taskmate.tasks.models import POSITION_STEP
from tests.conftest import Account, MakeUser
from tests.tasks.helpers import (
    API,
    Json,
    assert_error,
    create_project,
    create_task,
    list_tasks,
    task_ids,
)
from tests.tasks.test_task_events import drain


async def move(client: httpx.AsyncClient, user: Account, task: Json, **place: int) -> Json:
    response = await client.post(f"{API}/tasks/{task['id']}/move", json=place, headers=user.headers)
    assert response.status_code == 200, response.text
    moved: Json = response.json()
    return moved


async def project_tasks(client: httpx.AsyncClient, user: Account, **titles: Any) -> list[Json]:
    project = await create_project(client, user, name="Home")
    return [
        await create_task(client, user, title=title, project_id=project["id"], **extra)
        for title, extra in titles.items()
    ]


def titles(page: Json) -> list[str]:
    return [task["title"] for task in page["items"]]


async def test_a_project_lists_its_open_tasks_in_the_order_they_were_put_in(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user()
    a, b, c, d = await project_tasks(
        client, user, a={"due": {"date": "2026-03-20"}}, b={}, c={"priority": 4}, d={}
    )
    project = {"project_id": a["project_id"]}
    assert [a["position"], b["position"]] == [POSITION_STEP, 2 * POSITION_STEP]
    assert titles(await list_tasks(client, user, **project)) == ["a", "b", "c", "d"]

    moved = await move(client, user, d, before_id=b["id"])
    assert a["position"] < moved["position"] < b["position"]
    await move(client, user, a, after_id=c["id"])
    await move(client, user, c, before_id=d["id"])
    assert titles(await list_tasks(client, user, **project)) == ["c", "d", "b", "a"]
    await move(client, user, c, after_id=a["id"])
    assert titles(await list_tasks(client, user, **project)) == ["d", "b", "a", "c"]
    # Elsewhere the order stays by due date, then priority.
    assert await task_ids(client, user) == [a["id"], c["id"], b["id"], d["id"]]
    # Pages follow the same order.
    first = await list_tasks(client, user, limit=3, **project)
    rest = await list_tasks(client, user, limit=3, cursor=first["next_cursor"], **project)
    assert titles(first) + titles(rest) == ["d", "b", "a", "c"]
    assert rest["next_cursor"] is None


async def test_a_full_gap_renumbers_the_list_and_reports_every_task_it_moved(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    user = await make_user()
    first, last, *squeezed = await project_tasks(
        client, user, **{name: {} for name in ("first", "last", *"abcdefghijk")}
    )
    async with runtime.events.subscribe(user.id) as queue:
        # Each move halves the gap before "last": ten fit in it, the eleventh finds none.
        for task in squeezed:
            await move(client, user, task, before_id=last["id"])
        events = drain(queue)
    page = await list_tasks(client, user, project_id=first["project_id"])
    assert titles(page) == ["first", *"abcdefghijk", "last"]
    positions = [task["position"] for task in page["items"]]
    assert positions == [POSITION_STEP * n for n in range(1, len(positions) + 1)]
    assert events[:10] == [("task", "updated", task["id"]) for task in squeezed[:10]]
    assert sorted(events[10:]) == sorted(
        ("task", "updated", task["id"]) for task in page["items"][1:]
    )


async def test_new_tasks_and_tasks_moved_to_another_list_go_last(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user()
    inbox = [await create_task(client, user, title=title) for title in ("x", "y")]
    work = await create_project(client, user, name="Work")
    report = await create_task(client, user, title="report", project_id=work["id"])
    assert inbox[1]["position"] > inbox[0]["position"]
    assert report["position"] == POSITION_STEP

    response = await client.patch(
        f"{API}/tasks/{inbox[0]['id']}", json={"project_id": work["id"]}, headers=user.headers
    )
    assert response.json()["position"] > report["position"]
    assert titles(await list_tasks(client, user, project_id=work["id"])) == ["report", "x"]
    response = await client.patch(
        f"{API}/tasks/{report['id']}", json={"title": "the report"}, headers=user.headers
    )
    assert response.json()["position"] == report["position"]


async def test_moves_stay_within_one_list_of_open_tasks(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user, other = await make_user(), await make_user()
    a, b = await project_tasks(client, user, a={}, b={})
    inbox = await create_task(client, user, title="inbox")
    done = await create_task(client, user, title="done", project_id=a["project_id"])
    await client.post(f"{API}/tasks/{done['id']}/complete", headers=user.headers)
    theirs = await create_task(client, other, title="theirs")
    url = f"{API}/tasks/{a['id']}/move"

    for body, field in (
        ({"before_id": inbox["id"]}, "before_id"),
        ({"after_id": done["id"]}, "after_id"),
        ({"after_id": a["id"]}, "after_id"),
        ({"after_id": theirs["id"]}, "after_id"),
        ({"after_id": 2**31}, "after_id"),
        ({"after_id": str(b["id"])}, "after_id"),
    ):
        response = await client.post(url, json=body, headers=user.headers)
        assert_error(response, 422, "validation_error", field=field)
    for body in ({}, {"before_id": b["id"], "after_id": b["id"]}):
        response = await client.post(url, json=body, headers=user.headers)
        assert_error(response, 422, "validation_error")

    theirs_url = f"{API}/tasks/{theirs['id']}/move"
    response = await client.post(theirs_url, json={"after_id": inbox["id"]}, headers=user.headers)
    assert_error(response, 404, "not_found")
    response = await client.post(theirs_url, json={"after_id": a["id"]}, headers=other.headers)
    assert_error(response, 422, "validation_error", field="after_id")
    assert titles(await list_tasks(client, user, project_id=a["project_id"])) == ["a", "b"]
