"""Every change to tasks and projects reaches the owner's event channel, and only theirs."""

from __future__ import annotations

import asyncio

import httpx

from taskmate.api.runtime import Runtime
from taskmate.events import DomainEvent
from tests.conftest import MakeUser
from tests.tasks.helpers import API, create_project, create_task

Seen = list[tuple[str, str, int]]


def drain(queue: asyncio.Queue[DomainEvent]) -> Seen:
    """(kind, action, id) of every event waiting; publishing happens before the response."""
    seen: Seen = []
    while not queue.empty():
        event = queue.get_nowait()
        seen.append((event.kind, event.action, event.payload["id"]))
    return seen


async def test_task_changes_publish_events(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    user, other = await make_user(), await make_user()
    headers = user.headers
    async with (
        runtime.events.subscribe(user.id) as queue,
        runtime.events.subscribe(other.id) as others,
    ):
        response = await client.post(f"{API}/tasks", json={"title": "parent"}, headers=headers)
        parent = response.json()
        event = queue.get_nowait()
        assert (event.user_id, event.kind, event.action) == (user.id, "task", "created")
        assert event.payload == parent
        child = await create_task(client, user, title="child", parent_id=parent["id"])
        assert drain(queue) == [("task", "created", child["id"])]

        url = f"{API}/tasks/{parent['id']}"
        changed = await client.patch(url, json={"title": "renamed"}, headers=headers)
        assert queue.get_nowait().payload == changed.json()
        await client.patch(url, json={"title": "renamed"}, headers=headers)
        await client.patch(url, json={"title": ""}, headers=headers)
        assert drain(queue) == []  # nothing changed, and a refused change

        await client.post(f"{url}/complete", headers=headers)
        await client.post(f"{url}/complete", headers=headers)
        await client.post(f"{url}/reopen", headers=headers)
        assert drain(queue) == [("task", "updated", parent["id"])] * 2

        await client.delete(url, headers=headers)
        family = sorted([parent["id"], child["id"]])
        assert drain(queue) == [("task", "deleted", task_id) for task_id in family]
        await client.post(f"{url}/restore", headers=headers)
        assert drain(queue) == [("task", "updated", task_id) for task_id in family]

        quick = await client.post(
            f"{API}/tasks/quick", json={"text": "milk #errands"}, headers=headers
        )
        project_id = quick.json()["project_id"]
        assert drain(queue) == [
            ("project", "created", project_id),
            ("task", "created", quick.json()["id"]),
        ]
        again = await client.post(
            f"{API}/tasks/quick", json={"text": "eggs #Errands"}, headers=headers
        )
        assert drain(queue) == [("task", "created", again.json()["id"])]
        assert drain(others) == []


async def test_project_changes_publish_events(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    user, other = await make_user(), await make_user()
    headers = user.headers
    async with (
        runtime.events.subscribe(user.id) as queue,
        runtime.events.subscribe(other.id) as others,
    ):
        project = await create_project(client, user, name="Work")
        event = queue.get_nowait()
        assert (event.kind, event.action, event.payload) == ("project", "created", project)
        tasks = [
            await create_task(client, user, title=title, project_id=project["id"])
            for title in ("a", "b")
        ]
        drain(queue)

        url = f"{API}/projects/{project['id']}"
        renamed = await client.patch(url, json={"name": "Job"}, headers=headers)
        assert queue.get_nowait().payload == renamed.json()
        await client.post(f"{API}/projects", json={"name": "job"}, headers=headers)
        await client.patch(url, json={"name": "Job"}, headers=headers)
        assert drain(queue) == []

        await client.delete(url, headers=headers)
        moved = [("task", "updated", task["id"]) for task in tasks]
        assert drain(queue) == [("project", "deleted", project["id"]), *moved]
        await client.post(f"{url}/restore", headers=headers)
        assert drain(queue) == [("project", "updated", project["id"]), *moved]
        assert drain(others) == []
