"""``taskmate mcp``: the MCP server over stdio, for a client on the machine that holds the
database (Claude Desktop, Cursor, the inspector). It runs the app's services in-process,
the assistant's generation runner included (for ``ask_assistant``), and acts for the owner
of ``TASKMATE_TOKEN`` (checked on every request, so a revoke holds at once) or for the
account named with ``--user`` (everything allowed: whoever runs this can read the database
anyway). Logs go to stderr; stdout is the protocol's."""

from __future__ import annotations

from typing import Any

from mcp.shared.exceptions import MCPError
from mcp_types import INVALID_REQUEST
from sqlalchemy import select

from taskmate.api.runtime import Runtime
from taskmate.app import create_app
from taskmate.auth.deps import token_caller
from taskmate.auth.models import User
from taskmate.auth.scopes import Grant
from taskmate.auth.service import normalise_email
from taskmate.config import Settings
from taskmate.errors import Unauthorized
from taskmate.mcp.caller import Identify, McpCaller
from taskmate.mcp.server import build_server


class UnknownAccount(Exception):
    """``--user`` names no account."""


def token_identity(runtime: Runtime, secret: str) -> Identify:
    async def identify(_request: Any) -> McpCaller:
        try:
            async with runtime.database.session() as session:
                caller = await token_caller(runtime, session, secret, writes=False)
        except Unauthorized as error:
            raise MCPError(code=INVALID_REQUEST, message=error.message) from None
        return McpCaller.of(caller.user, caller.grant)

    return identify


def account_identity(runtime: Runtime, email: str) -> Identify:
    async def identify(_request: Any) -> McpCaller:
        async with runtime.database.session() as session:
            user = await session.scalar(select(User).where(User.email == normalise_email(email)))
        if user is None:
            raise MCPError(code=INVALID_REQUEST, message=f"There is no account {email} any more.")
        return McpCaller.of(user, Grant())

    return identify


async def serve_stdio(settings: Settings, *, token: str | None, email: str | None) -> None:
    app = create_app(settings)
    runtime: Runtime = app.state.runtime
    if email is not None:
        identify = account_identity(runtime, email)
        try:
            await identify(None)
        except MCPError:
            raise UnknownAccount(f"There is no account with the email {email}.") from None
    else:
        assert token is not None
        identify = token_identity(runtime, token)
    server = build_server(runtime, identify)
    async with app.router.lifespan_context(app):
        await server.run_stdio_async()
