"""Creating, reading and changing tasks."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from taskmate.api.runtime import Runtime
from taskmate.tasks.models import POSITION_STEP
from tests.conftest import MakeUser
from tests.tasks.helpers import API, assert_error, create_project, create_task, freeze, get_task

STAMP = "2026-03-10T12:00:00.000000Z"


async def test_create_returns_the_task(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    user = await make_user()
    freeze(runtime)
    project = await create_project(client, user, name="Home")
    response = await client.post(
        f"{API}/tasks",
        json={
            "title": "  Water the plants  ",
            "description": "the big ones",
            "project_id": project["id"],
            "labels": [" garden ", "Garden", "chores"],
            "priority": 3,
            "due": {"date": "2026-03-12", "time": "08:30"},
        },
        headers=user.headers,
    )
    assert response.status_code == 201, response.text
    task = response.json()
    assert task == {
        "id": task["id"],
        "title": "Water the plants",
        "title_html": "Water the plants",
        "description": "the big ones",
        "description_html": "<p>the big ones</p>\n",
        "project_id": project["id"],
        "parent_id": None,
        "labels": ["chores", "garden"],
        "priority": 3,
        "position": POSITION_STEP,
        "due": {"date": "2026-03-12", "time": "08:30", "text": None},
        "recurrence": None,
        "reminders": [],
        "completed_at": None,
        "deleted_at": None,
        "created_at": STAMP,
        "updated_at": STAMP,
    }
    assert await get_task(client, user, task["id"]) == task


async def test_create_with_defaults(client: httpx.AsyncClient, make_user: MakeUser) -> None:
    user = await make_user()
    task = await create_task(client, user, title="x")
    assert task["description"] == ""
    assert (task["labels"], task["priority"], task["due"], task["recurrence"]) == (
        [],
        0,
        None,
        None,
    )
    assert (task["project_id"], task["parent_id"]) == (None, None)


async def test_description_html_is_markdown_rendered_safely(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user()
    source = "- **oat** milk\n- <script>alert(1)</script> [x](javascript:alert(1))"
    task = await create_task(client, user, title="shop", description=source)
    assert task["description_html"] == (
        "<ul>\n<li><strong>oat</strong> milk</li>\n"
        "<li>&lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(1))</li>\n</ul>\n"
    )


INVALID_CREATES: list[tuple[dict[str, Any], str]] = [
    ({}, "title"),
    ({"title": "   "}, "title"),
    ({"title": "x" * 501}, "title"),
    ({"title": "x", "description": "d" * 10_001}, "description"),
    ({"title": "x", "labels": [f"l{i}" for i in range(21)]}, "labels"),
    ({"title": "x", "labels": ["l" * 61]}, "labels.0"),
    ({"title": "x", "labels": [" "]}, "labels.0"),
    ({"title": "x", "priority": 5}, "priority"),
    ({"title": "x", "priority": -1}, "priority"),
    ({"title": "x", "due": {"date": "2026-02-30"}}, "due.date"),
    ({"title": "x", "due": {"date": "2026-03-01", "time": "25:00"}}, "due.time"),
    ({"title": "x", "due": {"date": "2026-03-01", "time": "9:00:30"}}, "due.time"),
    ({"title": "x", "due_text": "the day after never"}, "due_text"),
    ({"title": "x", "recurrence_text": "now and then"}, "recurrence_text"),
    ({"title": "x", "due": {"date": "2026-03-01"}, "due_text": "tomorrow"}, "due_text"),
    ({"title": "x", "project_id": "abc"}, "project_id"),
    ({"title": "x", "project_id": 2**31}, "project_id"),
    ({"title": "x", "colour": "red"}, "colour"),
    ({"title": "nul \u0000 inside"}, "title"),
    ({"title": "x", "labels": ["a\u0000"]}, "labels.0"),
]


async def test_create_refuses_invalid_fields(
    client: httpx.AsyncClient, make_user: MakeUser, subtests: pytest.Subtests
) -> None:
    user = await make_user()
    for body, field in INVALID_CREATES:
        with subtests.test(body=body):
            response = await client.post(f"{API}/tasks", json=body, headers=user.headers)
            assert_error(response, 422, "validation_error", field=field)
    assert (await client.get(f"{API}/tasks", headers=user.headers)).json()["items"] == []


async def test_due_text_is_read_in_the_users_time_zone(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    user = await make_user(timezone="Pacific/Auckland")  # 12:00 UTC is 01:00 the next day
    freeze(runtime)
    task = await create_task(client, user, title="call", due_text="tomorrow 5pm")
    assert task["due"] == {"date": "2026-03-12", "time": "17:00", "text": "tomorrow 5pm"}


async def test_recurrence_text_sets_the_first_occurrence(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    user = await make_user()
    freeze(runtime)
    task = await create_task(client, user, title="standup", recurrence_text="every monday")
    assert task["recurrence"] == {"rrule": "FREQ=WEEKLY;BYDAY=MO", "text": "every monday"}
    assert task["due"]["date"] == "2026-03-16"
    explicit = await create_task(
        client, user, title="bins", recurrence_text="every monday", due={"date": "2026-03-23"}
    )
    assert explicit["due"] == {"date": "2026-03-23", "time": None, "text": None}


async def test_project_must_be_one_of_the_users_live_projects(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user()
    gone = await create_project(client, user, name="Gone")
    await client.delete(f"{API}/projects/{gone['id']}", headers=user.headers)
    for project_id in (gone["id"], gone["id"] + 1000):
        response = await client.post(
            f"{API}/tasks", json={"title": "x", "project_id": project_id}, headers=user.headers
        )
        assert_error(response, 422, "validation_error", field="project_id")


async def test_parent_must_be_a_live_task(client: httpx.AsyncClient, make_user: MakeUser) -> None:
    user = await make_user()
    parent = await create_task(client, user, title="parent")
    child = await create_task(client, user, title="child", parent_id=parent["id"])
    assert child["parent_id"] == parent["id"]
    await client.delete(f"{API}/tasks/{parent['id']}", headers=user.headers)
    for parent_id in (parent["id"], parent["id"] + 1000):
        response = await client.post(
            f"{API}/tasks", json={"title": "x", "parent_id": parent_id}, headers=user.headers
        )
        assert_error(response, 422, "validation_error", field="parent_id")


async def test_parent_cannot_make_a_cycle(client: httpx.AsyncClient, make_user: MakeUser) -> None:
    user = await make_user()
    top = await create_task(client, user, title="top")
    middle = await create_task(client, user, title="middle", parent_id=top["id"])
    bottom = await create_task(client, user, title="bottom", parent_id=middle["id"])
    for parent in (top, middle, bottom):
        response = await client.patch(
            f"{API}/tasks/{top['id']}", json={"parent_id": parent["id"]}, headers=user.headers
        )
        assert_error(response, 422, "validation_error", field="parent_id")
    moved = await client.patch(
        f"{API}/tasks/{bottom['id']}", json={"parent_id": top["id"]}, headers=user.headers
    )
    assert moved.json()["parent_id"] == top["id"]
    detached = await client.patch(
        f"{API}/tasks/{middle['id']}", json={"parent_id": None}, headers=user.headers
    )
    assert detached.json()["parent_id"] is None


async def test_patch_changes_only_the_fields_sent(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    user = await make_user()
    clock = freeze(runtime)
    project = await create_project(client, user, name="Work")
    task = await create_task(
        client,
        user,
        title="report",
        description="quarterly",
        project_id=project["id"],
        labels=["a"],
        priority=2,
        due={"date": "2026-03-20"},
    )
    clock.advance(minutes=5)
    response = await client.patch(
        f"{API}/tasks/{task['id']}", json={"title": "final report"}, headers=user.headers
    )
    assert response.status_code == 200, response.text
    changed = response.json()
    assert changed == {
        **task,
        "title": "final report",
        "title_html": "final report",
        "updated_at": "2026-03-10T12:05:00.000000Z",
    }

    changes = {"project_id": None, "labels": ["b", "c"], "priority": 4, "description": None}
    response = await client.patch(f"{API}/tasks/{task['id']}", json=changes, headers=user.headers)
    assert response.json() == {**changed, **changes, "description": "", "description_html": ""}


async def test_patch_due_and_recurrence(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    user = await make_user()
    freeze(runtime)
    task = await create_task(client, user, title="t", recurrence_text="every day at 9am")
    url = f"{API}/tasks/{task['id']}"

    cleared = (await client.patch(url, json={"due": None}, headers=user.headers)).json()
    assert (cleared["due"], cleared["recurrence"]["rrule"]) == (None, "FREQ=DAILY")
    dated = (await client.patch(url, json={"due_text": "friday"}, headers=user.headers)).json()
    assert dated["due"] == {"date": "2026-03-13", "time": None, "text": "friday"}
    weekly = (
        await client.patch(url, json={"recurrence_text": "every monday"}, headers=user.headers)
    ).json()
    assert weekly["due"]["date"] == "2026-03-16"
    assert weekly["recurrence"]["text"] == "every monday"
    single = (await client.patch(url, json={"recurrence_text": None}, headers=user.headers)).json()
    assert (single["recurrence"], single["due"]) == (None, weekly["due"])


async def test_patch_that_changes_nothing_keeps_updated_at(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    user = await make_user()
    clock = freeze(runtime)
    task = await create_task(client, user, title="same", labels=["x"])
    clock.advance(hours=1)
    response = await client.patch(
        f"{API}/tasks/{task['id']}", json={"title": "same", "labels": ["x"]}, headers=user.headers
    )
    assert response.json() == task


INVALID_PATCHES: list[tuple[dict[str, Any], str]] = [
    ({"title": None}, "title"),
    ({"labels": None}, "labels"),
    ({"priority": None}, "priority"),
    ({"title": ""}, "title"),
    ({"completed_at": "2026-03-10T12:00:00Z"}, "completed_at"),
    ({"due_text": "whenever-ish"}, "due_text"),
    ({"title": "half", "labels": ["written"], "parent_id": 2**31 - 1}, "parent_id"),
]


async def test_patch_refuses_invalid_fields(
    client: httpx.AsyncClient, make_user: MakeUser, subtests: pytest.Subtests
) -> None:
    user = await make_user()
    task = await create_task(client, user, title="t")
    for body, field in INVALID_PATCHES:
        with subtests.test(body=body):
            url = f"{API}/tasks/{task['id']}"
            response = await client.patch(url, json=body, headers=user.headers)
            assert_error(response, 422, "validation_error", field=field)
    assert await get_task(client, user, task["id"]) == task


@pytest.mark.parametrize(
    ("method", "suffix"),
    [
        ("GET", ""),
        ("PATCH", ""),
        ("DELETE", ""),
        ("POST", "/restore"),
        ("POST", "/complete"),
        ("POST", "/reopen"),
    ],
)
async def test_unknown_or_malformed_task_ids_are_not_found(
    client: httpx.AsyncClient,
    make_user: MakeUser,
    subtests: pytest.Subtests,
    method: str,
    suffix: str,
) -> None:
    user = await make_user()
    body = {"title": "x"} if method == "PATCH" else None
    for task_id in ("999999", "0", "-1", "abc", "1.5", "99999999999999999999", "%20"):
        with subtests.test(task_id=task_id):
            url = f"{API}/tasks/{task_id}{suffix}"
            response = await client.request(method, url, json=body, headers=user.headers)
            assert_error(response, 404, "not_found")


async def test_quick_add_reads_one_line(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    user = await make_user(timezone="Europe/Berlin")
    freeze(runtime)
    response = await client.post(
        f"{API}/tasks/quick",
        json={"text": "buy milk tomorrow 5pm #errands @shop p1"},
        headers=user.headers,
    )
    assert response.status_code == 201, response.text
    task = response.json()
    projects = (await client.get(f"{API}/projects", headers=user.headers)).json()["items"]
    assert [project["name"] for project in projects] == ["errands"]
    assert task["title"] == "buy milk"
    assert task["due"] == {"date": "2026-03-11", "time": "17:00", "text": "tomorrow 5pm"}
    assert (task["project_id"], task["labels"], task["priority"]) == (
        projects[0]["id"],
        ["shop"],
        4,
    )


async def test_quick_add_reuses_a_project_ignoring_case(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    user = await make_user()
    freeze(runtime)
    project = await create_project(client, user, name="Errands")
    response = await client.post(
        f"{API}/tasks/quick", json={"text": "stamps every monday #errands"}, headers=user.headers
    )
    task = response.json()
    assert task["project_id"] == project["id"]
    assert task["recurrence"]["rrule"] == "FREQ=WEEKLY;BYDAY=MO"
    assert task["due"]["date"] == "2026-03-16"
    projects = (await client.get(f"{API}/projects", headers=user.headers)).json()["items"]
    assert len(projects) == 1


async def test_quick_add_in_a_project_or_label_view_files_the_task_there(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user, other = await make_user(), await make_user()
    home = await create_project(client, user, name="Home")
    errands = await create_project(client, user, name="Errands")

    async def quick(**body: Any) -> httpx.Response:
        return await client.post(f"{API}/tasks/quick", json=body, headers=user.headers)

    task = (await quick(text="fix the sink @diy", project_id=home["id"], label="weekend")).json()
    assert (task["project_id"], task["labels"]) == (home["id"], ["diy", "weekend"])
    # The line's own project and labels win; a label is not added twice.
    named = await quick(text="stamps #errands @Weekend", project_id=home["id"], label="weekend")
    assert (named.json()["project_id"], named.json()["labels"]) == (errands["id"], ["Weekend"])
    theirs = await create_project(client, other, name="Theirs")
    assert_error(await quick(text="milk", project_id=theirs["id"]), 422, "validation_error")


async def test_quick_add_refuses_what_does_not_fit(
    client: httpx.AsyncClient, make_user: MakeUser, subtests: pytest.Subtests
) -> None:
    user = await make_user()
    too_long = [
        " ",
        "x" * 1001,
        "a" * 501 + " tomorrow",
        "milk @" + "l" * 61,
        "milk " + " ".join(f"@l{i}" for i in range(21)),
        "milk #" + "p" * 121,
        "milk \u0000",
    ]
    for text in too_long:
        with subtests.test(text=text[:20]):
            url = f"{API}/tasks/quick"
            response = await client.post(url, json={"text": text}, headers=user.headers)
            assert_error(response, 422, "validation_error", field="text")
    assert (await client.get(f"{API}/tasks", headers=user.headers)).json()["items"] == []
    assert (await client.get(f"{API}/projects", headers=user.headers)).json()["items"] == []
