"""Deleting tasks with their subtasks, the trash, and restoring."""

from __future__ import annotations

import httpx

from taskmate.api.runtime import Runtime
from tests.conftest import Account, MakeUser
from tests.tasks.helpers import API, Json, assert_error, create_task, freeze, get_task, task_ids


async def family(client: httpx.AsyncClient, user: Account) -> dict[str, Json]:
    """parent > (child > grandchild), parent > sibling."""
    parent = await create_task(client, user, title="parent")
    child = await create_task(client, user, title="child", parent_id=parent["id"])
    grandchild = await create_task(client, user, title="grandchild", parent_id=child["id"])
    sibling = await create_task(client, user, title="sibling", parent_id=parent["id"])
    return {"parent": parent, "child": child, "grandchild": grandchild, "sibling": sibling}


async def delete(client: httpx.AsyncClient, user: Account, task: Json) -> None:
    response = await client.delete(f"{API}/tasks/{task['id']}", headers=user.headers)
    assert response.status_code == 204, response.text
    assert response.content == b""


async def restore(client: httpx.AsyncClient, user: Account, task: Json) -> Json:
    response = await client.post(f"{API}/tasks/{task['id']}/restore", headers=user.headers)
    assert response.status_code == 200, response.text
    body: Json = response.json()
    return body


async def test_delete_takes_the_subtasks_along(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    user = await make_user()
    clock = freeze(runtime)
    tasks = await family(client, user)
    clock.advance(minutes=1)
    await delete(client, user, tasks["parent"])

    assert await task_ids(client, user) == []
    trash = await task_ids(client, user, status="deleted")
    assert sorted(trash) == sorted(task["id"] for task in tasks.values())
    deleted = await get_task(client, user, tasks["child"]["id"])
    assert deleted["deleted_at"] == deleted["updated_at"] == clock.now_text()
    for method, suffix in (("PATCH", ""), ("DELETE", ""), ("POST", "/complete")):
        response = await client.request(
            method, f"{API}/tasks/{tasks['child']['id']}{suffix}", json={}, headers=user.headers
        )
        assert_error(response, 404, "not_found")


async def test_restore_brings_back_what_was_deleted_together(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user()
    tasks = await family(client, user)
    await delete(client, user, tasks["sibling"])
    await delete(client, user, tasks["parent"])

    restored = await restore(client, user, tasks["parent"])
    assert restored["deleted_at"] is None
    live = {tasks[name]["id"] for name in ("parent", "child", "grandchild")}
    assert set(await task_ids(client, user)) == live
    assert await task_ids(client, user, status="deleted") == [tasks["sibling"]["id"]]

    sibling = await restore(client, user, tasks["sibling"])
    assert sibling["parent_id"] == tasks["parent"]["id"]
    child = await get_task(client, user, tasks["child"]["id"])
    assert child == {**tasks["child"], "updated_at": child["updated_at"]}


async def test_restoring_a_subtask_whose_parent_is_deleted_detaches_it(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user()
    tasks = await family(client, user)
    await delete(client, user, tasks["parent"])

    child = await restore(client, user, tasks["child"])
    assert child["parent_id"] is None
    grandchild = await get_task(client, user, tasks["grandchild"]["id"])
    assert (grandchild["deleted_at"], grandchild["parent_id"]) == (None, child["id"])
    trash = await task_ids(client, user, status="deleted")
    assert sorted(trash) == sorted([tasks["parent"]["id"], tasks["sibling"]["id"]])


async def test_restoring_a_live_task_changes_nothing(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user()
    task = await create_task(client, user, title="here")
    assert await restore(client, user, task) == task


async def test_the_trash_keeps_tasks_30_days(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    user = await make_user()
    clock = freeze(runtime)
    old = await create_task(client, user, title="old")
    recent = await create_task(client, user, title="recent")
    await delete(client, user, old)
    clock.advance(days=29)
    await delete(client, user, recent)
    clock.advance(days=1, seconds=1)

    assert await task_ids(client, user, status="deleted") == [recent["id"]]
    assert_error(
        await client.get(f"{API}/tasks/{old['id']}", headers=user.headers), 404, "not_found"
    )
    response = await client.post(f"{API}/tasks/{old['id']}/restore", headers=user.headers)
    assert_error(response, 404, "not_found")
    assert (await restore(client, user, recent))["deleted_at"] is None
