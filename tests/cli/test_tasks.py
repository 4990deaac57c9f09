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
