"""``taskmate mcp`` over stdio, spawned by the official SDK's client as a desktop client
does, on the test's database: the same tools, acting for the token's owner, and a revoke
holds on its next request."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from mcp import MCPError

from taskmate.config import Settings
from tests.auth.personal_tokens import create_token
from tests.conftest import TEST_SECRET, MakeUser
from tests.mcp.clients import over_stdio, read_json, structured
from tests.mcp.test_http import TASK_TOOLS

pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


def environment(settings: Settings, tmp_path: Path, **more: str) -> dict[str, str]:
    return {
        "TASKMATE_DATABASE_URL": settings.resolved_database_url,
        "TASKMATE_DATA_DIR": str(tmp_path),
        "TASKMATE_SECRET_KEY": TEST_SECRET,
        "TASKMATE_LOG_LEVEL": "warning",
        **more,
    }


async def test_a_token_client_adds_finds_completes_undoes_and_asks(
    client: httpx.AsyncClient, make_user: MakeUser, settings: Settings, tmp_path: Path
) -> None:
    user = await make_user()
    created = await create_token(client, user)
    env = environment(settings, tmp_path, TASKMATE_TOKEN=created["token"])
    async with over_stdio(env) as mcp:
        assert {tool.name for tool in (await mcp.list_tools()).tools} == TASK_TOOLS
        added = structured(await mcp.call_tool("add_tasks", {"tasks": [{"title": "Call mum"}]}))
        task_id = added["tasks"][0]["id"]
        found = structured(await mcp.call_tool("find_tasks", {"query": {"text": "mum"}}))
        assert [task["id"] for task in found["tasks"]] == [task_id]
        assert (await read_json(mcp, "taskmate://projects"))["projects"] == []
        structured(await mcp.call_tool("complete_tasks", {"ids": [task_id]}))
        assert not (await mcp.call_tool("undo", {})).is_error

        asked = structured(await mcp.call_tool("ask_assistant", {"message": "add water plants"}))
        assert asked["status"] == "completed" and "water plants" in asked["answer"].lower()
        assert [change["tool"] for change in asked["changes"]] == ["add_tasks"]

        revoked = await client.delete(f"/api/v1/tokens/{created['id']}", headers=user.headers)
        assert revoked.status_code == 204
        with pytest.raises(MCPError, match="token is not valid"):
            await mcp.call_tool("find_tasks", {"query": {}})
    listed = (await client.get("/api/v1/tasks", headers=user.headers)).json()["items"]
    assert {(task["title"], task["completed_at"]) for task in listed} == {
        ("Call mum", None),
        ("water plants", None),
    }


async def test_user_mode_acts_for_the_named_account(
    client: httpx.AsyncClient, make_user: MakeUser, settings: Settings, tmp_path: Path
) -> None:
    user = await make_user(email="ada@example.com")
    await client.post("/api/v1/tasks", json={"title": "hers"}, headers=user.headers)
    async with over_stdio(environment(settings, tmp_path), "--user", "Ada@Example.com") as mcp:
        found = structured(await mcp.call_tool("find_tasks", {"query": {}}))
        assert [task["title"] for task in found["tasks"]] == ["hers"]
