"""Completing and reopening tasks, and recurring tasks moving to their next date."""

from __future__ import annotations

import httpx

from taskmate.api.runtime import Runtime
from tests.conftest import MakeUser
from tests.tasks.helpers import API, Json, assert_error, create_task, freeze


async def complete(client: httpx.AsyncClient, headers: dict[str, str], task: Json) -> Json:
    response = await client.post(f"{API}/tasks/{task['id']}/complete", headers=headers)
    assert response.status_code == 200, response.text
    body: Json = response.json()
    return body


async def test_complete_and_reopen(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    user = await make_user()
    clock = freeze(runtime)
    task = await create_task(client, user, title="file taxes")
    clock.advance(minutes=1)
    done = await complete(client, user.headers, task)
    assert done["completed_at"] == done["updated_at"] == "2026-03-10T12:01:00.000000Z"
    clock.advance(minutes=1)
    assert await complete(client, user.headers, task) == done  # already done: unchanged

    reopened = await client.post(f"{API}/tasks/{task['id']}/reopen", headers=user.headers)
    assert reopened.status_code == 200
    assert reopened.json() == {**done, "completed_at": None, "updated_at": clock.now_text()}
    again = await client.post(f"{API}/tasks/{task['id']}/reopen", headers=user.headers)
    assert again.json() == reopened.json()


async def test_recurring_task_moves_to_its_next_date(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    user = await make_user()
    freeze(runtime)  # Tuesday 2026-03-10
    weekly = await create_task(client, user, title="standup", recurrence_text="every monday")
    assert weekly["due"]["date"] == "2026-03-16"
    moved = await complete(client, user.headers, weekly)
    assert moved["completed_at"] is None
    assert moved["due"] == {"date": "2026-03-23", "time": None, "text": "2026-03-23"}
    assert moved["recurrence"] == weekly["recurrence"]

    daily = await create_task(client, user, title="pills", recurrence_text="every day at 9am")
    assert daily["due"] == {"date": "2026-03-11", "time": "09:00", "text": "every day at 9am"}
    assert (await complete(client, user.headers, daily))["due"]["date"] == "2026-03-12"


async def test_recurring_task_skips_dates_already_past(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    user = await make_user()
    freeze(runtime)  # Tuesday 2026-03-10, 12:00
    late = await create_task(
        client, user, title="bins", recurrence_text="every monday", due={"date": "2026-02-23"}
    )
    assert (await complete(client, user.headers, late))["due"]["date"] == "2026-03-16"
    today_passed = await create_task(
        client,
        user,
        title="walk",
        recurrence_text="every day",
        due={"date": "2026-03-09", "time": "08:00"},
    )
    assert (await complete(client, user.headers, today_passed))["due"] == {
        "date": "2026-03-11",
        "time": "08:00",
        "text": "2026-03-11 08:00",
    }


async def test_recurring_task_without_a_date_counts_from_today(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    user = await make_user()
    freeze(runtime)
    task = await create_task(client, user, title="stretch", recurrence_text="every day")
    undated = await client.patch(
        f"{API}/tasks/{task['id']}", json={"due": None}, headers=user.headers
    )
    assert undated.json()["due"] is None
    assert (await complete(client, user.headers, task))["due"]["date"] == "2026-03-11"


async def test_recurring_task_completes_when_its_rule_ends(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    user = await make_user()
    freeze(runtime)
    task = await create_task(
        client, user, title="course", recurrence_text="every day until march 11"
    )
    assert task["due"]["date"] == "2026-03-10"
    assert (await complete(client, user.headers, task))["due"]["date"] == "2026-03-11"
    done = await complete(client, user.headers, task)
    assert done["completed_at"] == "2026-03-10T12:00:00.000000Z"
    assert done["due"]["date"] == "2026-03-11"


async def test_deleted_tasks_cannot_be_completed_or_reopened(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user()
    task = await create_task(client, user, title="gone")
    await client.delete(f"{API}/tasks/{task['id']}", headers=user.headers)
    for action in ("complete", "reopen"):
        response = await client.post(f"{API}/tasks/{task['id']}/{action}", headers=user.headers)
        assert_error(response, 404, "not_found")
