"""The MCP tools: the assistant's task tools with the same arguments (``llm/arguments.py``),
acting through ``TaskTools`` for the caller only, plus ``undo`` and ``ask_assistant``.

Reading tools need ``tasks:read``, changing ones (and ``undo``) ``tasks:write``,
``ask_assistant`` needs ``chat``. Deletes run only with ``confirm: true``: an MCP client has
no buttons, so the model must ask its user first, as the description tells it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated

from mcp.server.mcpserver import MCPServer
from mcp_types import CallToolResult, ToolAnnotations
from pydantic import Field

from taskmate.api.runtime import Runtime
from taskmate.api.text import Text
from taskmate.assistant.latest_undo import NotUndone, undone_reply
from taskmate.assistant.llm.arguments import (
    MAX_BATCH,
    ArgumentError,
    FindArgs,
    NewTaskArgs,
    TaskChangeArgs,
    find_query,
    new_task,
    task_changes,
)
from taskmate.assistant.llm.toolbox import for_model
from taskmate.assistant.tools import Json, TaskTools
from taskmate.auth.scopes import CHAT, TASKS_READ, TASKS_WRITE
from taskmate.mcp.asking import Asking
from taskmate.mcp.caller import McpCaller, current_caller
from taskmate.mcp.journal import McpJournal
from taskmate.mcp.outcomes import failed, outcome, succeeded
from taskmate.tasks.fields import UNSET, ProjectFields

Ids = Annotated[list[int], Field(min_length=1, max_length=MAX_BATCH, description="task ids")]
ListName = Annotated[str, Text(strip=True, min_length=1, max_length=120)]
Colour = Annotated[str, Text(max_length=7), Field(pattern=r"^#[0-9a-fA-F]{6}$")]
Confirm = Annotated[bool, Field(description="true only once the user has agreed to this delete")]
READING = ToolAnnotations(read_only_hint=True, open_world_hint=False)
CHANGING = ToolAnnotations(read_only_hint=False, destructive_hint=False, open_world_hint=False)
DELETING = ToolAnnotations(read_only_hint=False, destructive_hint=True, open_world_hint=False)
UNDOABLE = "It can be undone for 10 minutes with the undo tool."
NOT_CONFIRMED = "Nothing was deleted: ask the user first, then call again with confirm: true."


@dataclass(frozen=True, kw_only=True, slots=True)
class McpServices:
    runtime: Runtime
    tools: TaskTools
    journal: McpJournal
    asking: Asking


class _Tools:
    def __init__(self, services: McpServices) -> None:
        self._services = services
        self._tools = services.tools

    async def run(
        self, name: str, scope: str, work: Callable[[McpCaller], Awaitable[CallToolResult]]
    ) -> CallToolResult:
        async def checked() -> CallToolResult:
            caller = current_caller()
            caller.grant.require(scope)
            return await work(caller)

        return await outcome(name, checked)

    async def read(self, name: str, work: Callable[[McpCaller], Awaitable[Json]]) -> CallToolResult:
        async def done(caller: McpCaller) -> CallToolResult:
            result = await work(caller)
            return succeeded(for_model(result), result)

        return await self.run(name, TASKS_READ, done)

    async def change(
        self, name: str, work: Callable[[McpCaller], Awaitable[Json]]
    ) -> CallToolResult:
        """Runs a change and keeps it for ``undo``."""

        async def done(caller: McpCaller) -> CallToolResult:
            result = await work(caller)
            until = await self._services.journal.record(caller.user_id, name, result)
            text = for_model(result)
            return succeeded(f"{text}\n{UNDOABLE}" if until else text, result)

        return await self.run(name, TASKS_WRITE, done)

    async def project_id(self, caller: McpCaller, name: str, verb: str) -> int:
        project_id = await self._tools.project_named(caller.user_id, name)
        if project_id is None:
            raise ArgumentError(f"You have no list called '{name}'; nothing was {verb}.")
        return project_id


def register_tools(server: MCPServer[object], services: McpServices) -> None:
    tools = _Tools(services)
    task_tools = services.tools
    clock = services.runtime.clock

    @server.tool(title="Find tasks", annotations=READING)
    async def find_tasks(query: FindArgs) -> CallToolResult:
        """Search the user's tasks (open ones by default), in due order."""
        return await tools.read(
            "find_tasks",
            lambda c: task_tools.find_tasks(c.user_id, find_query(query, c.wall_clock(clock()))),
        )

    @server.tool(title="List lists", annotations=READING)
    async def list_projects() -> CallToolResult:
        """List the user's lists (projects)."""
        return await tools.read("list_projects", lambda c: task_tools.list_projects(c.user_id))

    @server.tool(title="Add tasks", annotations=CHANGING)
    async def add_tasks(
        tasks: Annotated[list[NewTaskArgs], Field(min_length=1, max_length=MAX_BATCH)],
    ) -> CallToolResult:
        """Add one or more tasks. Dates and repetitions are words ('tomorrow 5pm',
        'every monday'), read in the user's time zone."""

        def add(c: McpCaller) -> Awaitable[Json]:
            now = c.wall_clock(clock())
            return task_tools.add_tasks(c.user_id, [new_task(task, now) for task in tasks])

        return await tools.change("add_tasks", add)

    @server.tool(title="Change tasks", annotations=CHANGING)
    async def update_tasks(ids: Ids, changes: TaskChangeArgs) -> CallToolResult:
        """Change the tasks with these ids in the same way; leave out what stays."""
        return await tools.change(
            "update_tasks",
            lambda c: task_tools.update_tasks(
                c.user_id, ids, task_changes(changes, c.wall_clock(clock()))
            ),
        )

    @server.tool(title="Complete tasks", annotations=CHANGING)
    async def complete_tasks(ids: Ids) -> CallToolResult:
        """Mark tasks done (a repeating task moves to its next date)."""
        return await tools.change(
            "complete_tasks", lambda c: task_tools.complete_tasks(c.user_id, ids)
        )

    @server.tool(title="Reopen tasks", annotations=CHANGING)
    async def reopen_tasks(ids: Ids) -> CallToolResult:
        """Mark done tasks as not done."""
        return await tools.change("reopen_tasks", lambda c: task_tools.reopen_tasks(c.user_id, ids))

    @server.tool(title="Delete tasks", annotations=DELETING)
    async def delete_tasks(ids: Ids, confirm: Confirm = False) -> CallToolResult:
        """Delete tasks (they stay in the trash for 30 days). Destructive: ask the user
        first and pass confirm: true only once they agreed."""
        if not confirm:
            return failed(NOT_CONFIRMED)
        return await tools.change("delete_tasks", lambda c: task_tools.delete_tasks(c.user_id, ids))

    @server.tool(title="Add a list", annotations=CHANGING)
    async def add_project(name: ListName) -> CallToolResult:
        """Add a list (project)."""
        return await tools.change("add_project", lambda c: task_tools.add_project(c.user_id, name))

    @server.tool(title="Change a list", annotations=CHANGING)
    async def update_project(
        name: ListName,
        new_name: ListName | None = None,
        color: Annotated[str, Text(max_length=7), Field(pattern=r"^#[0-9a-fA-F]{6}$")]
        | None = None,
        archived: bool | None = None,
    ) -> CallToolResult:
        """Rename, recolour (#rrggbb) or (un)archive the list called ``name``; leave out
        what stays the same."""

        async def update(c: McpCaller) -> Json:
            project_id = await tools.project_id(c, name, "changed")
            fields = ProjectFields(
                name=UNSET if new_name is None else new_name,
                color=UNSET if color is None else color,
                archived=UNSET if archived is None else archived,
            )
            return await task_tools.update_project(c.user_id, project_id, fields)

        return await tools.change("update_project", update)

    @server.tool(title="Delete a list", annotations=DELETING)
    async def delete_project(name: ListName, confirm: Confirm = False) -> CallToolResult:
        """Delete the list called ``name``; its tasks move to the inbox. Destructive: ask
        the user first and pass confirm: true only once they agreed."""
        if not confirm:
            return failed(NOT_CONFIRMED)

        async def delete(c: McpCaller) -> Json:
            project_id = await tools.project_id(c, name, "deleted")
            return await task_tools.delete_project(c.user_id, project_id)

        return await tools.change("delete_project", delete)

    @server.tool(title="Undo", annotations=CHANGING)
    async def undo() -> CallToolResult:
        """Undo the user's latest change made through these tools (possible for 10
        minutes); call it again to undo the one before."""

        async def reverse(c: McpCaller) -> CallToolResult:
            undone = await services.journal.undo_latest(c.user_id)
            if isinstance(undone, NotUndone):
                return failed(undone.reason)
            reply = undone_reply(undone)
            return succeeded(reply, {"summary": reply, "undid": undone.name})

        return await tools.run("undo", TASKS_WRITE, reverse)

    @server.tool(title="Ask the assistant", annotations=CHANGING)
    async def ask_assistant(
        message: Annotated[str, Text(min_length=1, max_length=10_000)],
    ) -> CallToolResult:
        """Say something to Taskmate's own assistant, as in its chat ("what's due this
        week?", "move the dentist to friday"); returns its answer and what it changed. It
        remembers the earlier messages sent with this tool."""

        async def ask(c: McpCaller) -> CallToolResult:
            turn = await services.asking.ask(c, message)
            return succeeded(turn.text(), turn.as_json())

        return await tools.run("ask_assistant", CHAT, ask)
