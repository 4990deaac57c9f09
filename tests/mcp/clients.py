"""The official MCP SDK's client: over Streamable HTTP with a personal access token, or
over stdio with ``taskmate mcp`` as its child process."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from typing import Any

import httpx2
from mcp import Client, StdioServerParameters
from mcp.client.streamable_http import streamable_http_client
from mcp_types import CallToolResult, TextContent, TextResourceContents

from tests.live_server import LiveServer


@asynccontextmanager
async def over_stdio(environment: Mapping[str, str], *arguments: str) -> AsyncIterator[Client]:
    """``taskmate mcp`` as a child process, as a desktop client starts it."""
    command = StdioServerParameters(
        command=sys.executable,
        args=["-m", "taskmate", "mcp", *arguments],
        env=dict(os.environ) | dict(environment),
    )
    async with Client(command, read_timeout_seconds=60) as client:
        yield client


@asynccontextmanager
async def over_http(server: LiveServer | str, secret: str) -> AsyncIterator[Client]:
    base = server if isinstance(server, str) else server.http
    headers = {"Authorization": f"Bearer {secret}"}
    async with (
        httpx2.AsyncClient(headers=headers, timeout=30) as http,
        Client(streamable_http_client(f"{base}/mcp", http_client=http)) as client,
    ):
        yield client


def structured(result: CallToolResult) -> dict[str, Any]:
    assert not result.is_error, text_of(result)
    content: dict[str, Any] | None = result.structured_content
    assert content is not None
    return content


def text_of(result: CallToolResult) -> str:
    return "\n".join(block.text for block in result.content if isinstance(block, TextContent))


async def read_json(client: Client, uri: str) -> Any:
    contents = (await client.read_resource(uri)).contents
    assert len(contents) == 1 and isinstance(contents[0], TextResourceContents)
    return json.loads(contents[0].text)
