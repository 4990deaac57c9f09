"""The MCP server: tools and resources over the app's services, acting for whoever
``identify`` names for each request."""

from __future__ import annotations

from mcp.server.mcpserver import MCPServer

from taskmate import __version__
from taskmate.api.runtime import Runtime
from taskmate.assistant.tools import TaskTools
from taskmate.mcp.asking import Asking
from taskmate.mcp.caller import CallerMiddleware, Identify
from taskmate.mcp.journal import McpJournal
from taskmate.mcp.resources import register_resources
from taskmate.mcp.tools import McpServices, register_tools

INSTRUCTIONS = (
    "Taskmate is the user's task manager. Find tasks before changing them and act on their "
    "ids; dates are words read in the user's time zone ('tomorrow 5pm'). Deleting needs the "
    "user's agreement first (confirm: true). undo reverses the latest change made here. "
    "ask_assistant talks to Taskmate's own assistant when a request is easier said in words."
)


def build_services(runtime: Runtime) -> McpServices:
    # Read the runtime's clock on each call: tests swap it.
    tools = TaskTools(
        database=runtime.database, clock=lambda: runtime.clock(), publisher=runtime.events
    )
    settings = runtime.settings
    return McpServices(
        runtime=runtime,
        tools=tools,
        journal=McpJournal(
            database=runtime.database, clock=lambda: runtime.clock(), publisher=runtime.events
        ),
        asking=Asking(runtime, answer_seconds=settings.llm_timeout * (settings.llm_retries + 1)),
    )


def build_server(runtime: Runtime, identify: Identify) -> MCPServer[object]:
    server: MCPServer[object] = MCPServer(
        "taskmate",
        title="Taskmate",
        version=__version__,
        instructions=INSTRUCTIONS,
        middleware=[CallerMiddleware(identify)],
    )
    services = build_services(runtime)
    register_tools(server, services)
    register_resources(server, services.tools, lambda: runtime.clock())
    return server
