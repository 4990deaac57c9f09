"""Who an MCP request acts for. The transport finds out (a personal access token on HTTP,
the process's token or account on stdio); ``CallerMiddleware`` puts the answer where the
tools and resources read it, for the duration of each request."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from mcp.server.context import CallNext, HandlerResult, ServerRequestContext

from taskmate.auth.models import User
from taskmate.auth.scopes import Grant


@dataclass(frozen=True, kw_only=True, slots=True)
class McpCaller:
    user_id: str
    name: str
    timezone: str
    grant: Grant

    @classmethod
    def of(cls, user: User, grant: Grant) -> McpCaller:
        return cls(user_id=user.id, name=user.name, timezone=user.timezone, grant=grant)

    def wall_clock(self, now: datetime) -> datetime:
        return now.astimezone(ZoneInfo(self.timezone))


# Given the HTTP request (None on stdio); raises ``MCPError`` when nobody valid is there.
Identify = Callable[[Any], Awaitable[McpCaller]]
_current: ContextVar[McpCaller] = ContextVar("taskmate_mcp_caller")


def current_caller() -> McpCaller:
    return _current.get()


class CallerMiddleware:
    def __init__(self, identify: Identify) -> None:
        self._identify = identify

    async def __call__(
        self, ctx: ServerRequestContext[Any, Any], call_next: CallNext
    ) -> HandlerResult:
        if ctx.request_id is None:  # a notification acts for nobody
            return await call_next(ctx)
        reset = _current.set(await self._identify(ctx.request))
        try:
            return await call_next(ctx)
        finally:
            _current.reset(reset)
