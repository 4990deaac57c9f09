"""Logs carry the ids of what they are about, render as JSON in production, and never
carry message content, passwords or tokens at info level."""

from __future__ import annotations

import json
import logging
from typing import Any

import httpx
import pytest
import structlog

from taskmate.config import Settings
from taskmate.observability.logging import configure_logging
from tests.chat.transports.sockets import signed_in
from tests.conftest import TEST_SECRET, Account
from tests.live_server import LiveServer

MARKER = "zanzibar-marmalade-7741"
PASSWORD = "a long and private passphrase"


def _lines_with(logs: str, *parts: str) -> list[str]:
    return [line for line in logs.splitlines() if all(part in line for part in parts)]


async def test_a_chat_logs_its_ids_and_nothing_private(
    capsys: pytest.CaptureFixture[str], server: LiveServer
) -> None:
    async with httpx.AsyncClient(base_url=server.http, timeout=5) as http:
        registered = await http.post(
            "/api/v1/auth/register", json={"email": "log@example.com", "password": PASSWORD}
        )
        body: dict[str, Any] = registered.json()
        user = Account(
            id=body["user"]["id"],
            email="log@example.com",
            password=PASSWORD,
            access_token=body["access_token"],
            refresh_token=body["refresh_token"],
        )
        created = await http.post("/api/v1/conversations", json={}, headers=user.headers)
        conversation_id = created.json()["id"]
        async with signed_in(server, user) as socket:
            await socket.subscribe(conversation_id)
            await socket.send_message(conversation_id, f"add a task to buy {MARKER} tomorrow")
            while True:
                item = (await socket.next("item"))["item"]
                if item.get("role") == "assistant" and item["status"] == "completed":
                    break
    logs = capsys.readouterr().err
    for private in (MARKER, PASSWORD, user.access_token, user.refresh_token, TEST_SECRET):
        assert private not in logs
    assert _lines_with(logs, "live_connection_opened", "connection_id=", f"user_id={user.id}")
    assert _lines_with(logs, "generation_ended", f"conversation_id={conversation_id}")
    created_line = ("request", "method=POST", "path=/api/v1/conversations ", "status=201")
    assert _lines_with(logs, *created_line, f"user_id={user.id}", "request_id=")


def test_production_logs_are_json_lines_for_ours_and_uvicorns(
    capsys: pytest.CaptureFixture[str],
) -> None:
    configure_logging(Settings(env="production", secret_key="x" * 40))
    structlog.get_logger("taskmate.test").info("checked", answer=42)
    logging.getLogger("uvicorn.error").info("Started server process [%d]", 7)
    first, second = (json.loads(line) for line in capsys.readouterr().err.splitlines())
    assert (first["event"], first["answer"], first["level"]) == ("checked", 42, "info")
    assert (second["event"], second["level"]) == ("Started server process [7]", "info")
