"""The MCP server at ``/mcp`` through the official SDK's client, against a real server:
tools and resources, acting only for the token's user and within its scopes."""

from __future__ import annotations

import httpx
import pytest

from tests.auth.personal_tokens import create_token
from tests.conftest import MakeUser
from tests.live_server import LiveServer
from tests.mcp.clients import over_http, read_json, structured, text_of

TASK_TOOLS = {
    "find_tasks",
    "list_projects",
    "add_tasks",
    "update_tasks",
    "complete_tasks",
    "reopen_tasks",
    "delete_tasks",
    "add_project",
    "update_project",
    "delete_project",
    "undo",
    "ask_assistant",
}


async def test_tools_and_resources_are_listed_with_their_annotations(
    server: LiveServer, client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user()
    secret = (await create_token(client, user))["token"]
    async with over_http(server, secret) as mcp:
        tools = {tool.name: tool for tool in (await mcp.list_tools()).tools}
        assert set(tools) == TASK_TOOLS
        assert tools["find_tasks"].annotations and tools["find_tasks"].annotations.read_only_hint
        deleting = tools["delete_tasks"]
        assert deleting.annotations and deleting.annotations.destructive_hint
        assert "confirm" in deleting.input_schema["properties"]
        assert "confirm: true" in (deleting.description or "")
        resources = {str(r.uri) for r in (await mcp.list_resources()).resources}
        assert resources == {
            "taskmate://tasks/today",
            "taskmate://tasks/overdue",
            "taskmate://projects",
        }
        templates = (await mcp.list_resource_templates()).resource_templates
        assert [t.uri_template for t in templates] == ["taskmate://projects/{project_id}"]


async def test_add_find_complete_and_undo_a_task(
    server: LiveServer, client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user()
    secret = (await create_token(client, user))["token"]
    async with over_http(server, secret) as mcp:
        added = structured(
            await mcp.call_tool(
                "add_tasks", {"tasks": [{"title": "Buy milk", "due": "today", "project": "Home"}]}
            )
        )
        task_id = added["tasks"][0]["id"]
        found = structured(await mcp.call_tool("find_tasks", {"query": {"text": "milk"}}))
        assert [task["id"] for task in found["tasks"]] == [task_id]
        assert [t["id"] for t in (await read_json(mcp, "taskmate://tasks/today"))["tasks"]] == [
            task_id
        ]
        project_id = added["tasks"][0]["project_id"]
        listed = await read_json(mcp, f"taskmate://projects/{project_id}")
        assert listed["project"]["name"] == "Home" and listed["tasks"][0]["id"] == task_id

        done = structured(await mcp.call_tool("complete_tasks", {"ids": [task_id]}))
        assert done["tasks"][0]["completed_at"] is not None
        undone = await mcp.call_tool("undo", {})
        assert "Undone" in text_of(undone), text_of(undone)
    task = (await client.get(f"/api/v1/tasks/{task_id}", headers=user.headers)).json()
    assert task["completed_at"] is None


async def test_another_users_task_is_not_found_and_deletes_need_confirm(
    server: LiveServer, client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user, other = await make_user(), await make_user()
    theirs = await client.post("/api/v1/tasks", json={"title": "theirs"}, headers=other.headers)
    mine = await client.post("/api/v1/tasks", json={"title": "mine"}, headers=user.headers)
    secret = (await create_token(client, user))["token"]
    async with over_http(server, secret) as mcp:
        refused = await mcp.call_tool("complete_tasks", {"ids": [theirs.json()["id"]]})
        assert refused.is_error and f"no task #{theirs.json()['id']}" in text_of(refused).lower()
        unconfirmed = await mcp.call_tool("delete_tasks", {"ids": [mine.json()["id"]]})
        assert unconfirmed.is_error and "confirm: true" in text_of(unconfirmed)
        assert (await client.get("/api/v1/tasks", headers=user.headers)).json()["items"]
        deleted = await mcp.call_tool("delete_tasks", {"ids": [mine.json()["id"]], "confirm": True})
        assert not deleted.is_error
    theirs_now = await client.get(f"/api/v1/tasks/{theirs.json()['id']}", headers=other.headers)
    assert theirs_now.json()["completed_at"] is None
    assert (await client.get("/api/v1/tasks", headers=user.headers)).json()["items"] == []


async def test_a_read_only_token_reads_but_cannot_write(
    server: LiveServer, client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user()
    await client.post("/api/v1/tasks", json={"title": "read me"}, headers=user.headers)
    secret = (await create_token(client, user, ["tasks:read"]))["token"]
    async with over_http(server, secret) as mcp:
        found = structured(await mcp.call_tool("find_tasks", {"query": {}}))
        assert [task["title"] for task in found["tasks"]] == ["read me"]
        refused = await mcp.call_tool("add_tasks", {"tasks": [{"title": "nope"}]})
        assert refused.is_error and "tasks:write" in text_of(refused)
        asked = await mcp.call_tool("ask_assistant", {"message": "add nope"})
        assert asked.is_error and "chat" in text_of(asked)
    titles = [
        t["title"]
        for t in (await client.get("/api/v1/tasks", headers=user.headers)).json()["items"]
    ]
    assert titles == ["read me"]


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({}, 401),
        ({"Authorization": "Bearer tm_pat_made-up"}, 401),
        ({"Origin": "https://evil.example"}, 403),
    ],
)
async def test_requests_without_a_valid_token_or_from_a_foreign_origin_are_refused(
    server: LiveServer,
    client: httpx.AsyncClient,
    make_user: MakeUser,
    headers: dict[str, str],
    status: int,
) -> None:
    user = await make_user()
    if "Origin" in headers:
        secret = (await create_token(client, user))["token"]
        headers = headers | {"Authorization": f"Bearer {secret}"}
    body = {"jsonrpc": "2.0", "id": 1, "method": "tools/list"}
    async with httpx.AsyncClient(base_url=server.http) as http:
        response = await http.post(
            "/mcp", json=body, headers=headers | {"Accept": "application/json, text/event-stream"}
        )
    assert response.status_code == status
    assert response.json()["error"]["code"] == {401: "unauthorized", 403: "forbidden"}[status]


async def test_only_post_is_served_as_nothing_is_kept_between_requests(
    server: LiveServer, client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user()
    secret = (await create_token(client, user))["token"]
    headers = {"Authorization": f"Bearer {secret}", "Accept": "text/event-stream"}
    async with httpx.AsyncClient(base_url=server.http) as http:
        for method in ("GET", "DELETE"):
            response = await http.request(method, "/mcp", headers=headers)
            assert response.status_code == 405 and response.headers["allow"] == "POST"
            assert response.json()["error"]["code"] == "method_not_allowed"
