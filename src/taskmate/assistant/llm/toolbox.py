"""The tools the model calls. Each acts for the turn's user (``TurnDeps.user_id``, from the
run context, never from the model's arguments) through ``TaskTools``, so results have the
offline tools' names and shapes and ``assistant/undo.py`` reverses them unchanged.

A tool hands the model a compact text view of its result and keeps the whole result in the
``ToolReturn``'s metadata (an ``Outcome``) for the tool call item. Deletes do not run here:
they are checked and staged in ``TurnDeps.deletions``; the responder asks the user and runs
them only on ``confirm``. ``undo`` reverses the user's latest change in the conversation
through ``LatestUndo``, the Undo button's path; it cannot be undone itself. The reminder
tools go through ``ReminderTools`` the same way (a snooze cannot be undone either).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Annotated, Any

from pydantic import Field
from pydantic_ai import RunContext, Tool
from pydantic_ai.messages import ToolReturn

from taskmate.assistant.confirm import delete_project_question, delete_tasks_question
from taskmate.assistant.interpreter import Reminder
from taskmate.assistant.latest_undo import LatestUndo, NotUndone, undone_reply
from taskmate.assistant.llm.arguments import (
    MAX_BATCH,
    ArgumentError,
    FindArgs,
    NewTaskArgs,
    TaskChangeArgs,
    Words,
    days,
    due_from,
    find_query,
    new_task,
    task_changes,
)
from taskmate.assistant.reminder_tools import ReminderTools
from taskmate.assistant.tools import TaskTools, task_line
from taskmate.assistant.wording.phrases import Wording
from taskmate.assistant.wording.style import date_style
from taskmate.chat.responder import TurnUser
from taskmate.errors import AppError
from taskmate.reminders.schemas import MAX_SNOOZE_MINUTES, BeforeMinutes
from taskmate.tasks.fields import UNSET, ProjectFields

Json = dict[str, Any]
Ids = Annotated[list[int], Field(min_length=1, max_length=MAX_BATCH)]
STAGED = "Nothing is deleted yet: the user now gets a confirm button. Tell them in a few words."


@dataclass(frozen=True, kw_only=True, slots=True)
class Deletion:
    """A delete the model asked for, run only when the user confirms ``question``."""

    name: str
    arguments: Json
    question: str
    call_id: str  # the model's call, to ask in the order it asked


@dataclass(kw_only=True, slots=True)
class TurnDeps:
    user: TurnUser
    conversation_id: str
    tools: TaskTools
    latest_undo: LatestUndo
    now: datetime  # on the user's wall clock
    deletions: list[Deletion] = field(default_factory=list)

    @property
    def user_id(self) -> str:
        return self.user.user_id


@dataclass(frozen=True, kw_only=True, slots=True)
class Outcome:
    """What a tool call item shows: the whole result, and whether it worked."""

    result: Json
    failed: bool = False


def for_model(result: Json) -> str:
    """The summary with one line per task or list: what the model needs to answer."""
    lines = [result["summary"]]
    lines += [task_line(task) for task in result.get("tasks", [])]
    lines += [f"list #{p['id']} {p['name']}" for p in result.get("projects", [])]
    lines += [
        f"{task_line(each['task'])} reminds at {each['reminder']['next_fire_at']}"
        for each in result.get("reminders", [])
    ]
    return "\n".join(lines)


async def outcome_of(run: Callable[[], Awaitable[Json]]) -> Outcome:
    """The result, or the error in words when the change was refused (nothing changed)."""
    try:
        return Outcome(result=await run())
    except (AppError, ArgumentError) as error:
        message = error.message if isinstance(error, AppError) else str(error)
        return Outcome(result={"error": message}, failed=True)


def _told(outcome: Outcome) -> ToolReturn:
    text = f"Failed: {outcome.result['error']}" if outcome.failed else for_model(outcome.result)
    return ToolReturn(return_value=text, metadata=outcome)


async def _returning(run: Callable[[], Awaitable[Json]]) -> ToolReturn:
    return _told(await outcome_of(run))


async def find_tasks(ctx: RunContext[TurnDeps], query: FindArgs) -> ToolReturn:
    """Search the user's tasks (open by default), in due order."""
    deps = ctx.deps
    return await _returning(
        lambda: deps.tools.find_tasks(deps.user_id, find_query(query, deps.now))
    )


async def add_tasks(
    ctx: RunContext[TurnDeps],
    tasks: Annotated[list[NewTaskArgs], Field(min_length=1, max_length=MAX_BATCH)],
) -> ToolReturn:
    """Add one or more tasks."""
    deps = ctx.deps
    return await _returning(
        lambda: deps.tools.add_tasks(deps.user_id, [new_task(task, deps.now) for task in tasks])
    )


async def update_tasks(ctx: RunContext[TurnDeps], ids: Ids, changes: TaskChangeArgs) -> ToolReturn:
    """Change the tasks with these ids in the same way."""
    deps = ctx.deps
    return await _returning(
        lambda: deps.tools.update_tasks(deps.user_id, ids, task_changes(changes, deps.now))
    )


async def complete_tasks(ctx: RunContext[TurnDeps], ids: Ids) -> ToolReturn:
    """Mark tasks done (a repeating task moves to its next date)."""
    deps = ctx.deps
    return await _returning(lambda: deps.tools.complete_tasks(deps.user_id, ids))


async def reopen_tasks(ctx: RunContext[TurnDeps], ids: Ids) -> ToolReturn:
    """Mark done tasks as not done."""
    deps = ctx.deps
    return await _returning(lambda: deps.tools.reopen_tasks(deps.user_id, ids))


async def delete_tasks(ctx: RunContext[TurnDeps], ids: Ids) -> ToolReturn:
    """Delete tasks, after the user confirms with a button."""
    deps = ctx.deps

    async def stage() -> Json:
        found, missing = await deps.tools.live_tasks(deps.user_id, ids)
        if missing:
            listed = ", ".join(f"#{task_id}" for task_id in missing)
            raise ArgumentError(f"The user has no task {listed}; nothing was deleted.")
        question = delete_tasks_question(found, Wording(now=deps.now, style=date_style(deps.user)))
        deps.deletions.append(
            Deletion(
                name="delete_tasks",
                arguments={"ids": ids},
                question=question,
                call_id=ctx.tool_call_id or "",
            )
        )
        return {"summary": STAGED, "tasks": found}

    return await _returning(stage)


async def list_projects(ctx: RunContext[TurnDeps]) -> ToolReturn:
    """List the user's lists (projects)."""
    deps = ctx.deps
    return await _returning(lambda: deps.tools.list_projects(deps.user_id))


async def add_project(
    ctx: RunContext[TurnDeps], name: Annotated[str, Field(min_length=1, max_length=120)]
) -> ToolReturn:
    """Add a list (project)."""
    deps = ctx.deps
    return await _returning(lambda: deps.tools.add_project(deps.user_id, name))


async def update_project(
    ctx: RunContext[TurnDeps],
    name: str,
    new_name: Annotated[str | None, Field(min_length=1, max_length=120)] = None,
    color: Annotated[str | None, Field(pattern=r"^#[0-9a-fA-F]{6}$")] = None,
    archived: bool | None = None,
) -> ToolReturn:
    """Rename, recolour (#rrggbb) or (un)archive the list called ``name``; leave out what
    stays the same."""
    deps = ctx.deps

    async def update() -> Json:
        project_id = await deps.tools.project_named(deps.user_id, name)
        if project_id is None:
            raise ArgumentError(f"The user has no list called '{name}'; nothing was changed.")
        fields = ProjectFields(
            name=UNSET if new_name is None else new_name,
            color=UNSET if color is None else color,
            archived=UNSET if archived is None else archived,
        )
        return await deps.tools.update_project(deps.user_id, project_id, fields)

    return await _returning(update)


async def delete_project(ctx: RunContext[TurnDeps], name: str) -> ToolReturn:
    """Delete a list by name, after the user confirms; its tasks move to the inbox."""
    deps = ctx.deps

    async def stage() -> Json:
        project_id = await deps.tools.project_named(deps.user_id, name)
        if project_id is None:
            raise ArgumentError(f"The user has no list called '{name}'; nothing was deleted.")
        open_tasks = await deps.tools.open_task_count(deps.user_id, project_id)
        question = delete_project_question(name, open_tasks)
        arguments = {"project_id": project_id}
        deps.deletions.append(
            Deletion(
                name="delete_project",
                arguments=arguments,
                question=question,
                call_id=ctx.tool_call_id or "",
            )
        )
        return {"summary": STAGED}

    return await _returning(stage)


async def undo(ctx: RunContext[TurnDeps]) -> ToolReturn:
    """Undo the user's latest change in this conversation (possible for 10 minutes); call
    it again to undo the one before."""
    deps = ctx.deps
    outcome = await deps.latest_undo.undo(deps.conversation_id, deps.user)
    if isinstance(outcome, NotUndone):
        return _told(Outcome(result={"error": outcome.reason}, failed=True))
    return _told(Outcome(result={"summary": undone_reply(outcome), "undid": outcome.name}))


async def add_reminders(
    ctx: RunContext[TurnDeps],
    ids: Ids,
    before_minutes: BeforeMinutes = 0,
    at: Words | None = None,
) -> ToolReturn:
    """Remind the user of these tasks: ``before_minutes`` before each is due (0: when due),
    or before ``at`` (in words: 'tomorrow 9am') when given, which leaves the task's date."""
    deps = ctx.deps

    async def add() -> Json:
        moment = due_from(at, deps.now) if at else None
        reminder = Reminder(before_minutes=before_minutes, at=moment)
        return await ReminderTools(deps.tools).add_reminders(deps.user_id, ids, reminder)

    return await _returning(add)


async def delete_reminders(ctx: RunContext[TurnDeps], ids: Ids) -> ToolReturn:
    """Stop reminding the user of these tasks (the tasks stay)."""
    deps = ctx.deps
    return await _returning(lambda: ReminderTools(deps.tools).delete_reminders(deps.user_id, ids))


async def find_reminders(
    ctx: RunContext[TurnDeps], day_from: Words | None = None, day_until: Words | None = None
) -> ToolReturn:
    """The reminders still to come, soonest first, between these days (in words) if given."""
    deps = ctx.deps

    async def find() -> Json:
        when = days(day_from, day_until, deps.now)
        return await ReminderTools(deps.tools).find_reminders(deps.user_id, when)

    return await _returning(find)


async def snooze_reminder(
    ctx: RunContext[TurnDeps], minutes: Annotated[int, Field(ge=1, le=MAX_SNOOZE_MINUTES)] = 10
) -> ToolReturn:
    """Ring the reminder that went off last again in ``minutes`` ("snooze that")."""
    deps = ctx.deps
    return await _returning(
        lambda: ReminderTools(deps.tools).snooze_reminder(deps.user_id, minutes)
    )


async def run_deletion(deps: TurnDeps, deletion: Deletion) -> Outcome:
    """Runs a delete the user confirmed."""
    if deletion.name == "delete_tasks":
        ids = deletion.arguments["ids"]
        return await outcome_of(lambda: deps.tools.delete_tasks(deps.user_id, ids))
    project_id = deletion.arguments["project_id"]
    return await outcome_of(lambda: deps.tools.delete_project(deps.user_id, project_id))


TOOLS: list[Tool[TurnDeps]] = [
    Tool(function, takes_ctx=True)
    for function in (
        find_tasks,
        add_tasks,
        update_tasks,
        complete_tasks,
        reopen_tasks,
        delete_tasks,
        list_projects,
        add_project,
        update_project,
        delete_project,
        add_reminders,
        delete_reminders,
        find_reminders,
        snooze_reminder,
        undo,
    )
]
STAGING = frozenset({"delete_tasks", "delete_project"})
READ_ONLY = frozenset({"find_tasks", "list_projects", "find_reminders"})
IRREVERSIBLE = frozenset({"undo", "snooze_reminder"})  # they change data, but cannot be undone
