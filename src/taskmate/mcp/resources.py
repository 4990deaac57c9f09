"""The MCP resources: today's and overdue tasks, the lists, and each list's open tasks
(``taskmate://projects/{project_id}``), as JSON, for the caller only (``tasks:read``)."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from datetime import datetime

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ResourceError

from taskmate.assistant.interpreter import DateRange, FindTasks
from taskmate.assistant.tools import Json, TaskTools
from taskmate.auth.scopes import TASKS_READ
from taskmate.errors import AppError
from taskmate.mcp.caller import current_caller
from taskmate.tasks.listing import TaskFilters
from taskmate.tasks.projects import project_not_found

JSON_TYPE = "application/json"


async def _read(read: Callable[[str], Awaitable[Json]]) -> str:
    """``read(user_id)`` for the caller, who needs ``tasks:read``, as the resource's text;
    a refusal is the resource's error, in the protocol's words."""
    caller = current_caller()
    try:
        caller.grant.require(TASKS_READ)
        return json.dumps(await read(caller.user_id), ensure_ascii=False, indent=1)
    except AppError as error:
        raise ResourceError(error.message) from None


def register_resources(
    server: MCPServer[object], tools: TaskTools, clock: Callable[[], datetime]
) -> None:
    async def found(query: FindTasks) -> str:
        return await _read(lambda user_id: tools.find_tasks(user_id, query))

    @server.resource(
        "taskmate://tasks/today",
        name="today",
        title="Due today",
        description="Open tasks due today (the user's day), with their lists.",
        mime_type=JSON_TYPE,
    )
    async def today() -> str:
        day = current_caller().wall_clock(clock()).date()
        return await found(FindTasks(when=DateRange(start=day, end=day, text="today")))

    @server.resource(
        "taskmate://tasks/overdue",
        name="overdue",
        title="Overdue",
        description="Open tasks whose time has passed.",
        mime_type=JSON_TYPE,
    )
    async def overdue() -> str:
        return await found(FindTasks(overdue=True))

    @server.resource(
        "taskmate://projects",
        name="projects",
        title="Lists",
        description="The user's lists (projects), archived ones included.",
        mime_type=JSON_TYPE,
    )
    async def projects() -> str:
        return await _read(tools.list_projects)

    @server.resource(
        "taskmate://projects/{project_id}",
        name="project",
        title="A list's open tasks",
        description="The open tasks of one list, by its id (from taskmate://projects).",
        mime_type=JSON_TYPE,
    )
    async def project(project_id: str) -> str:
        number = int(project_id) if project_id.isascii() and project_id.isdigit() else 0

        async def read(user_id: str) -> Json:
            listed = await tools.list_projects(user_id)
            match = [p for p in listed["projects"] if p["id"] == number]
            if not match:
                raise project_not_found(project_id)
            tasks = await tools.tasks(user_id, TaskFilters(project_id=number), project=None)
            return {"project": match[0], "tasks": tasks}

        return await _read(read)
