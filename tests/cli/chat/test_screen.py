"""The terminal chat in a real terminal (tmux): sign in, talk, answer a choice by number,
and live through a server restart in the middle of an answer."""

from __future__ import annotations

import socket
from pathlib import Path

from fastapi import FastAPI

from taskmate.client import Taskmate
from taskmate.config import Settings
from tests.cli.terminal import TASKMATE, client_env, pane
from tests.client.story import StoryOrOffline
from tests.client.test_live import restarted
from tests.conftest import PASSWORD, Account
from tests.live_server import LiveServer, until
from tests.web.scripted import Gate


async def test_the_chat_signs_in_answers_a_choice_and_resumes_after_a_restart(
    app: FastAPI,
    settings: Settings,
    listener: socket.socket,
    server: LiveServer,
    account: Account,
    assistant: StoryOrOffline,
    tmp_path: Path,
) -> None:
    port = listener.getsockname()[1]
    async with Taskmate(server.http, account.access_token) as taskmate:
        await taskmate.tasks.create("buy milk")
        with pane("sh", client_env(tmp_path)) as terminal:
            terminal.send(f"{TASKMATE} login {server.http}")
            await terminal.wait_for("Email")
            terminal.send(account.email)
            await terminal.wait_for("Password")
            terminal.send(PASSWORD)
            await terminal.wait_for("Signed in")

            terminal.send(f"{TASKMATE} chat --new")
            await terminal.wait_for("Type a message")
            terminal.send("delete the milk one")
            screen = await terminal.wait_for("(type the number)")
            assert "You: delete the milk one" in screen and "1) " in screen
            terminal.send("1")

            async def deleted() -> bool:
                return await taskmate.tasks.list() == []

            await until(deleted, 10)
            await terminal.wait_for("→ ")

            assistant.gate = Gate(words_before=6)
            terminal.send("tell me a story")
            await terminal.wait_for("Assistant: Once upon")  # streaming, in the bottom bar
            server.server.should_exit = True
            await terminal.wait_for("reconnecting…")
            async with restarted(app, settings, port):
                await terminal.wait_for(" connected")
                assistant.gate.open()
                screen = await terminal.wait_for("every task was done.")
    assert screen.count("You: tell me a story") == 1
    assert "T0" not in screen and "+00:00" not in screen  # no timestamps for people
