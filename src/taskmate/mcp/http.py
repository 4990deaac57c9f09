"""``/mcp``: the MCP server over Streamable HTTP, in stateless mode with JSON responses, so
any instance answers any request (no sticky sessions, nothing kept between requests).

Each request is checked here before the SDK sees it: an ``Origin`` must be on the app's
allow-list (browsers send one; other clients need not), the bearer must be a personal
access token (checked in the database every time, so a revoke holds at once), and the
user's ``TASKMATE_RATE_MCP_PER_MINUTE`` applies. Refusals use the protocol's error format.
"""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager
from typing import Any

from mcp.server.transport_security import TransportSecuritySettings
from mcp.shared.exceptions import MCPError
from mcp_types import INVALID_REQUEST
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.types import Receive, Scope, Send

from taskmate.api.runtime import Runtime
from taskmate.auth.deps import bearer_token, token_caller
from taskmate.auth.personal_tokens import is_personal_token
from taskmate.errors import AppError, Forbidden, Unauthorized, error_body, error_response
from taskmate.mcp.caller import McpCaller
from taskmate.mcp.server import build_server

PATH = "/mcp"
CALLER_KEY = "taskmate.mcp_caller"
NEEDS_TOKEN = (
    "The MCP server needs a personal access token: send 'Authorization: Bearer tm_pat_…'. "
    "Create one in Taskmate under Settings → Access tokens."
)
WRONG_ORIGIN = "Requests from this web page's origin are not allowed."
ONLY_POST = "The MCP server is stateless: send each JSON-RPC message with POST."


async def _from_request(request: Any) -> McpCaller:
    caller = request.scope.get(CALLER_KEY) if request is not None else None
    if not isinstance(caller, McpCaller):
        raise MCPError(code=INVALID_REQUEST, message=NEEDS_TOKEN)
    return caller


class McpEndpoint:
    """The ASGI app at ``/mcp``; ``running()`` belongs in the app's lifespan."""

    def __init__(self, runtime: Runtime) -> None:
        self._runtime = runtime
        server = build_server(runtime, _from_request)
        # The Origin is checked below, as for the rest of the app; the SDK's own check
        # would also pin the Host header, which proxies rewrite.
        server.streamable_http_app(
            stateless_http=True,
            json_response=True,
            transport_security=TransportSecuritySettings(enable_dns_rebinding_protection=False),
        )
        self._manager = server.session_manager

    def running(self) -> AbstractAsyncContextManager[None]:
        return self._manager.run()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        if request.method != "POST":
            # Stateless: no stream for server-initiated messages (the SDK would hold a GET
            # open with nothing ever to send) and no session to delete.
            body = error_body("method_not_allowed", ONLY_POST)
            response = JSONResponse(body, status_code=405, headers={"Allow": "POST"})
            await response(scope, receive, send)
            return
        try:
            scope[CALLER_KEY] = await self._caller(request)
        except AppError as error:
            await error_response(error)(scope, receive, send)
            return
        await self._manager.handle_request(scope, receive, send)

    async def _caller(self, request: Request) -> McpCaller:
        runtime = self._runtime
        origin = request.headers.get("origin")
        if origin is not None and origin.rstrip("/") not in runtime.settings.origins:
            raise Forbidden(WRONG_ORIGIN)
        secret = bearer_token(request)
        if secret is None or not is_personal_token(secret):
            raise Unauthorized(NEEDS_TOKEN, headers={"WWW-Authenticate": "Bearer"})
        async with runtime.database.session() as session:
            caller = await token_caller(runtime, session, secret, writes=False)
        limiter = runtime.limiter
        await limiter.hit(limiter.mcp, "mcp", caller.user.id, "requests to the MCP server")
        return McpCaller.of(caller.user, caller.grant)
