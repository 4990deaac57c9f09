"""``taskmate tasks add | ls | done --json`` through the real command and a real server."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.terminal import client_env, taskmate
from tests.conftest import Account
from tests.live_server import LiveServer


async def test_tasks_are_added_listed_and_completed_from_the_command_line(
    server: LiveServer, account: Account, tmp_path: Path
) -> None:
    env = client_env(tmp_path)
    code, out, err = await taskmate("tasks", "ls", env=env)
    assert code == 1 and "taskmate login" in err

    login = ("login", server.http, "--token", account.access_token)
    assert (await taskmate(*login, env=env))[0] == 0
    code, out, _ = await taskmate("tasks", "add", "buy milk tomorrow 5pm @shop", "--json", env=env)
    added = json.loads(out)
    assert code == 0 and (added["title"], added["labels"]) == ("buy milk", ["shop"])
    await taskmate("tasks", "add", "call mum", env=env)

    code, out, _ = await taskmate("tasks", "ls", "--json", env=env)
    assert [task["title"] for task in json.loads(out)] == ["buy milk", "call mum"]
    code, out, _ = await taskmate("tasks", "ls", env=env)
    assert f"#{added['id']} buy milk — due tomorrow at 17:00 — @shop" in out
    assert "T17:00" not in out and "Z" not in out  # words, not timestamps

    code, out, _ = await taskmate("tasks", "done", "MILK", "--json", env=env)
    assert code == 0 and json.loads(out)["completed_at"] is not None
    code, out, _ = await taskmate("tasks", "done", f"#{added['id'] + 1}", env=env)
    assert code == 0 and "call mum — done just now" in out
    code, out, _ = await taskmate("tasks", "ls", "--json", env=env)
    assert json.loads(out) == []
    code, _, err = await taskmate("tasks", "done", "nothing like it", env=env)
    assert code == 1 and "no open task matches" in err


async def test_tasks_are_moved_in_their_list_from_the_command_line(
    server: LiveServer, account: Account, tmp_path: Path
) -> None:
    env = client_env(tmp_path)
    assert (await taskmate("login", server.http, "--token", account.access_token, env=env))[0] == 0
    added = []
    for text in ("stamps #errands", "bread #errands", "keys #errands", "call mum"):
        code, out, _ = await taskmate("tasks", "add", text, "--json", env=env)
        assert code == 0
        added.append(json.loads(out)["id"])
    stamps, bread, keys, mum = added

    async def order() -> list[str]:
        _code, out, _ = await taskmate("tasks", "ls", "--json", env=env)
        listed = [task for task in json.loads(out) if task["project_id"] is not None]
        return [task["title"] for task in sorted(listed, key=lambda task: task["position"])]

    code, out, _ = await taskmate(
        "tasks", "move", str(keys), "--before", str(stamps), "--json", env=env
    )
    assert code == 0 and json.loads(out)["title"] == "keys"
    assert await order() == ["keys", "stamps", "bread"]
    code, out, _ = await taskmate("tasks", "move", f"#{stamps}", "--after", f"#{bread}", env=env)
    assert code == 0 and out.strip() == f"#{stamps} stamps"
    assert await order() == ["keys", "bread", "stamps"]

    code, _, err = await taskmate("tasks", "move", str(keys), "--after", str(mum), env=env)
    assert code == 1 and "not an open task of the same project or inbox" in err
    code, _, err = await taskmate("tasks", "move", str(keys), env=env)
    assert code == 1 and "--before N or --after N" in err
    code, _, err = await taskmate("tasks", "move", str(keys), "--before", "bread", env=env)
    assert code == 1 and '"bread" is not a task number' in err
