"""Tenant isolation: nobody reads or changes another user's tasks or projects.

User B calls every task and project endpoint with user A's ids. Each call must answer exactly
as it does for an id that does not exist (so nothing reveals that A's ids exist), and A's data
must be byte-for-byte unchanged afterwards.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from tests.conftest import Account, MakeUser
from tests.tasks.helpers import API, Json, create_project, create_task

Ids = dict[str, int]
MISSING = 2_000_000_000  # an id nobody has


@dataclass(frozen=True)
class Call:
    method: str
    path: str  # "{task}" and the like name one of A's ids
    body: Callable[[Ids], Json] | None = None
    status: int = 404
    field: str | None = None  # the field a 422 names

    def send(self, client: httpx.AsyncClient, user: Account, ids: Ids) -> Any:
        return client.request(
            self.method,
            API + self.path.format(**ids),
            json=self.body(ids) if self.body else None,
            headers=user.headers,
        )


CALLS = {
    "read task": Call("GET", "/tasks/{task}"),
    "read trashed task": Call("GET", "/tasks/{trashed}"),
    "change task": Call("PATCH", "/tasks/{task}", lambda ids: {"title": "mine now"}),
    "delete task": Call("DELETE", "/tasks/{task}"),
    "delete subtask": Call("DELETE", "/tasks/{subtask}"),
    "restore task": Call("POST", "/tasks/{trashed}/restore"),
    "complete task": Call("POST", "/tasks/{task}/complete"),
    "reopen task": Call("POST", "/tasks/{done}/reopen"),
    "move task": Call("POST", "/tasks/{task}/move", lambda ids: {"before_id": ids["subtask"]}),
    "list a project's tasks": Call("GET", "/tasks?project_id={project}"),
    "change project": Call("PATCH", "/projects/{project}", lambda ids: {"name": "mine"}),
    "delete project": Call("DELETE", "/projects/{project}"),
    "restore project": Call("POST", "/projects/{old_project}/restore"),
    "create task in project": Call(
        "POST",
        "/tasks",
        lambda ids: {"title": "x", "project_id": ids["project"]},
        422,
        "project_id",
    ),
    "create subtask": Call(
        "POST", "/tasks", lambda ids: {"title": "x", "parent_id": ids["task"]}, 422, "parent_id"
    ),
    "move own task into project": Call(
        "PATCH", "/tasks/{own}", lambda ids: {"project_id": ids["project"]}, 422, "project_id"
    ),
    "move own task under task": Call(
        "PATCH", "/tasks/{own}", lambda ids: {"parent_id": ids["task"]}, 422, "parent_id"
    ),
    "move own task beside task": Call(
        "POST", "/tasks/{own}/move", lambda ids: {"after_id": ids["task"]}, 422, "after_id"
    ),
}


async def alice_world(client: httpx.AsyncClient, alice: Account) -> Ids:
    project = await create_project(client, alice, name="Secret plans")
    old_project = await create_project(client, alice, name="Old plans")
    await client.delete(f"{API}/projects/{old_project['id']}", headers=alice.headers)
    task = await create_task(client, alice, title="secret", project_id=project["id"])
    subtask = await create_task(client, alice, title="sub", parent_id=task["id"])
    done = await create_task(client, alice, title="done")
    await client.post(f"{API}/tasks/{done['id']}/complete", headers=alice.headers)
    trashed = await create_task(client, alice, title="trashed")
    await client.delete(f"{API}/tasks/{trashed['id']}", headers=alice.headers)
    return {
        "project": project["id"],
        "old_project": old_project["id"],
        "task": task["id"],
        "subtask": subtask["id"],
        "done": done["id"],
        "trashed": trashed["id"],
    }


async def snapshot(client: httpx.AsyncClient, user: Account, ids: Ids) -> list[bytes]:
    paths = [
        "/projects",
        *(f"/tasks?status={status}" for status in ("open", "done", "all", "deleted")),
        *(f"/tasks/{ids[name]}" for name in ("task", "subtask", "done", "trashed")),
    ]
    responses = [await client.get(API + path, headers=user.headers) for path in paths]
    assert all(response.status_code == 200 for response in responses)
    return [response.content for response in responses]


def without_numbers(body: Json) -> Json:
    """The error body with ids blanked, to compare answers for different ids."""
    return {"error": _blank(body["error"])}


def _blank(value: Any) -> Any:
    if isinstance(value, str):
        return re.sub(r"\d+", "N", value)
    if isinstance(value, dict):
        return {key: _blank(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_blank(item) for item in value]
    return value


@pytest.mark.parametrize("name", CALLS)
async def test_another_users_ids_are_not_found(
    client: httpx.AsyncClient, make_user: MakeUser, name: str
) -> None:
    alice, bob = await make_user(), await make_user()
    ids = await alice_world(client, alice)
    own = await create_task(client, bob, title="bob's")
    before = await snapshot(client, alice, ids)
    call = CALLS[name]

    response = await call.send(client, bob, {**ids, "own": own["id"]})
    assert response.status_code == call.status, response.text
    error = response.json()["error"]
    assert error["code"] == ("not_found" if call.status == 404 else "validation_error")
    if call.field is not None:
        assert [item["field"] for item in error["details"]["fields"]] == [call.field]
    missing = await call.send(client, bob, {**dict.fromkeys(ids, MISSING), "own": own["id"]})
    assert missing.status_code == response.status_code
    assert without_numbers(missing.json()) == without_numbers(response.json())

    assert await snapshot(client, alice, ids) == before
    bob_sees = await client.get(f"{API}/tasks", params={"status": "all"}, headers=bob.headers)
    assert [task["id"] for task in bob_sees.json()["items"]] == [own["id"]]


async def test_lists_show_only_the_callers_own(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    alice, bob = await make_user(), await make_user()
    await alice_world(client, alice)
    for status in ("open", "done", "all", "deleted"):
        page = await client.get(f"{API}/tasks", params={"status": status}, headers=bob.headers)
        assert page.json() == {"items": [], "next_cursor": None}
    projects = await client.get(f"{API}/projects", headers=bob.headers)
    assert projects.json() == {"items": []}
    export = (await client.get(f"{API}/me/export", headers=bob.headers)).json()
    assert (export["tasks"], export["projects"]) == ([], [])


ENDPOINTS = [
    ("GET", "/tasks"),
    ("POST", "/tasks"),
    ("POST", "/tasks/quick"),
    ("GET", "/tasks/1"),
    ("PATCH", "/tasks/1"),
    ("DELETE", "/tasks/1"),
    ("POST", "/tasks/1/restore"),
    ("POST", "/tasks/1/complete"),
    ("POST", "/tasks/1/reopen"),
    ("POST", "/tasks/1/move"),
    ("GET", "/tasks/abc"),
    ("GET", "/projects"),
    ("POST", "/projects"),
    ("PATCH", "/projects/1"),
    ("DELETE", "/projects/1"),
    ("POST", "/projects/1/restore"),
    ("GET", "/me/export"),
]


async def test_every_endpoint_needs_credentials(
    client: httpx.AsyncClient, subtests: pytest.Subtests
) -> None:
    for method, path in ENDPOINTS:
        with subtests.test(f"{method} {path}"):
            response = await client.request(method, API + path, json={"bad": "body"})
            assert response.status_code == 401, response.text
            assert response.json()["error"]["code"] == "unauthorized"
