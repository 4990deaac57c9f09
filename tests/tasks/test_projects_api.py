"""``/projects``: names unique ignoring case, colors, archive, delete and restore."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from taskmate.api.runtime import Runtime
from tests.conftest import Account, MakeUser
from tests.tasks.helpers import (
    API,
    Json,
    assert_error,
    create_project,
    create_task,
    freeze,
    get_task,
)


async def project_names(client: httpx.AsyncClient, user: Account) -> list[str]:
    response = await client.get(f"{API}/projects", headers=user.headers)
    assert response.status_code == 200, response.text
    return [project["name"] for project in response.json()["items"]]


async def patch(client: httpx.AsyncClient, user: Account, project: Json, **body: Any) -> Json:
    response = await client.patch(
        f"{API}/projects/{project['id']}", json=body, headers=user.headers
    )
    assert response.status_code == 200, response.text
    changed: Json = response.json()
    return changed


async def test_create_and_list(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    user = await make_user()
    freeze(runtime)
    response = await client.post(
        f"{API}/projects", json={"name": "  Garden ", "color": "#A1B2C3"}, headers=user.headers
    )
    assert response.status_code == 201, response.text
    garden = response.json()
    assert garden == {
        "id": garden["id"],
        "name": "Garden",
        "color": "#a1b2c3",
        "archived": False,
        "created_at": "2026-03-10T12:00:00.000000Z",
    }
    for name in ("work", "Errands", "ändern", "Zoo"):
        await create_project(client, user, name=name)
    assert await project_names(client, user) == ["Errands", "Garden", "work", "Zoo", "ändern"]


async def test_names_are_unique_ignoring_case(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user()
    work = await create_project(client, user, name="Work")
    home = await create_project(client, user, name="Home")
    taken = await client.post(f"{API}/projects", json={"name": " WORK "}, headers=user.headers)
    assert_error(taken, 409, "conflict", field="name")
    renamed = await client.patch(
        f"{API}/projects/{home['id']}", json={"name": "work"}, headers=user.headers
    )
    assert_error(renamed, 409, "conflict", field="name")
    assert (await patch(client, user, work, name="WORK"))["name"] == "WORK"
    other = await create_project(client, await make_user(), name="Work")
    assert other["name"] == "Work"


INVALID_CREATES: list[tuple[dict[str, Any], str]] = [
    ({}, "name"),
    ({"name": " "}, "name"),
    ({"name": "n" * 121}, "name"),
    ({"name": "x", "color": "red"}, "color"),
    ({"name": "x", "color": "#12345"}, "color"),
    ({"name": "x", "archived": True}, "archived"),
]


async def test_create_refuses_invalid_fields(
    client: httpx.AsyncClient, make_user: MakeUser, subtests: pytest.Subtests
) -> None:
    user = await make_user()
    for body, field in INVALID_CREATES:
        with subtests.test(body=body):
            response = await client.post(f"{API}/projects", json=body, headers=user.headers)
            assert_error(response, 422, "validation_error", field=field)
    assert await project_names(client, user) == []


async def test_patch(client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime) -> None:
    user = await make_user()
    freeze(runtime)
    project = await create_project(client, user, name="Work", color="#000000")
    archived = await patch(client, user, project, archived=True)
    assert archived == {**project, "archived": True}
    recolored = await patch(client, user, project, color=None, name="Job")
    assert recolored == {**archived, "color": None, "name": "Job"}
    assert await project_names(client, user) == ["Job"]
    for body, field in (({"name": None}, "name"), ({"archived": None}, "archived")):
        response = await client.patch(
            f"{API}/projects/{project['id']}", json=body, headers=user.headers
        )
        assert_error(response, 422, "validation_error", field=field)


async def test_delete_moves_tasks_to_the_inbox_and_restore_brings_them_back(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user()
    work = await create_project(client, user, name="Work")
    other = await create_project(client, user, name="Other")
    stays, moves_away, done = [
        await create_task(client, user, title=title, project_id=work["id"])
        for title in ("stays", "moves away", "done")
    ]
    await client.post(f"{API}/tasks/{done['id']}/complete", headers=user.headers)

    response = await client.delete(f"{API}/projects/{work['id']}", headers=user.headers)
    assert response.status_code == 204
    assert await project_names(client, user) == ["Other"]
    for task in (stays, moves_away, done):
        assert (await get_task(client, user, task["id"]))["project_id"] is None
    await client.patch(
        f"{API}/tasks/{moves_away['id']}", json={"project_id": other["id"]}, headers=user.headers
    )

    restored = await client.post(f"{API}/projects/{work['id']}/restore", headers=user.headers)
    assert restored.status_code == 200
    assert restored.json() == work
    assert (await get_task(client, user, stays["id"]))["project_id"] == work["id"]
    assert (await get_task(client, user, done["id"]))["project_id"] == work["id"]
    assert (await get_task(client, user, moves_away["id"]))["project_id"] == other["id"]
    again = await client.post(f"{API}/projects/{work['id']}/restore", headers=user.headers)
    assert again.json() == work


async def test_restore_when_the_name_was_taken_meanwhile(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user()
    old = await create_project(client, user, name="Work")
    await client.delete(f"{API}/projects/{old['id']}", headers=user.headers)
    new = await create_project(client, user, name="work")
    response = await client.post(f"{API}/projects/{old['id']}/restore", headers=user.headers)
    assert_error(response, 409, "conflict", field="name")
    await patch(client, user, new, name="Work (new)")
    restored = await client.post(f"{API}/projects/{old['id']}/restore", headers=user.headers)
    assert restored.status_code == 200
    assert await project_names(client, user) == ["Work", "Work (new)"]


async def test_deleted_projects_are_not_found(
    client: httpx.AsyncClient, make_user: MakeUser, subtests: pytest.Subtests
) -> None:
    user = await make_user()
    project = await create_project(client, user, name="Gone")
    await client.delete(f"{API}/projects/{project['id']}", headers=user.headers)
    for method, body in (("PATCH", {"name": "Back"}), ("DELETE", None)):
        with subtests.test(method):
            response = await client.request(
                method, f"{API}/projects/{project['id']}", json=body, headers=user.headers
            )
            assert_error(response, 404, "not_found")


async def test_unknown_or_malformed_project_ids_are_not_found(
    client: httpx.AsyncClient, make_user: MakeUser, subtests: pytest.Subtests
) -> None:
    user = await make_user()
    for project_id in ("999999", "0", "abc", "99999999999"):
        for method, suffix in (("PATCH", ""), ("DELETE", ""), ("POST", "/restore")):
            with subtests.test(project_id=project_id, method=method):
                response = await client.request(
                    method,
                    f"{API}/projects/{project_id}{suffix}",
                    json={"name": "x"} if method == "PATCH" else None,
                    headers=user.headers,
                )
                assert_error(response, 404, "not_found")
