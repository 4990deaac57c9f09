"""How a tool's work becomes an MCP result: the text a model reads and the whole result as
structured content; refusals and failures as tool errors in people's words, never a trace."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import structlog
from mcp_types import CallToolResult, TextContent

from taskmate.assistant.llm.arguments import ArgumentError
from taskmate.errors import DATABASE_UNAVAILABLE, INTERNAL_ERROR, AppError, is_connection_failure

Json = dict[str, Any]
logger = structlog.get_logger(__name__)


def succeeded(text: str, result: Json) -> CallToolResult:
    return CallToolResult(content=[TextContent(text=text)], structured_content=result)


def failed(message: str) -> CallToolResult:
    return CallToolResult(content=[TextContent(text=message)], is_error=True)


async def outcome(tool: str, work: Callable[[], Awaitable[CallToolResult]]) -> CallToolResult:
    """Runs a tool's work; what went wrong becomes the protocol's message for it."""
    try:
        return await work()
    except AppError as error:
        return failed(error.message)
    except ArgumentError as error:
        return failed(str(error))
    except Exception as error:
        if is_connection_failure(error):
            logger.error("database_unavailable", error=type(error).__name__, tool=tool)
            return failed(DATABASE_UNAVAILABLE)
        logger.exception("mcp_tool_failed", tool=tool)
        return failed(INTERNAL_ERROR)
