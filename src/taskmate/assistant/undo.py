"""Reversing what the assistant's tools changed, for the user whose request made it.

Undo runs inside the chat's transaction (``UndoRequest.session``): the services work on a
unit of work whose ``commit`` only flushes and keeps the task events, which the chat context
publishes once it commits the undo together with the change.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from datetime import date, time
from typing import Any

from taskmate.assistant.reminder_undo import (
    remove_added_reminders,
    restore_removed_reminders,
)
from taskmate.auth.models import User
from taskmate.chat.hooks import UndoHandler, UndoRequest
from taskmate.errors import Conflict, NotFound
from taskmate.events import Event, EventPublisher
from taskmate.tasks.dates import Due
from taskmate.tasks.fields import ProjectFields, TaskFields
from taskmate.tasks.projects import ProjectService
from taskmate.tasks.service import TaskService
from taskmate.tasks.unit_of_work import HeldUnitOfWork, UnitOfWork

Json = dict[str, Any]


class _NoPublisher:
    async def publish(self, events: Sequence[Event]) -> None:
        raise AssertionError("undo hands its events to the chat's transaction")


Reversal = Callable[[TaskService, ProjectService, Any], Awaitable[None]]
WorkReversal = Callable[[UnitOfWork, Any], Awaitable[None]]


def _services(reverse: Reversal) -> WorkReversal:
    """A reversal through the task and project services."""

    async def reversed_(uow: UnitOfWork, result: Any) -> None:
        await reverse(TaskService(uow), ProjectService(uow), result)

    return reversed_


class _ToolUndo:
    def __init__(self, reverse: WorkReversal) -> None:
        self._reverse = reverse

    async def undo(self, request: UndoRequest) -> Sequence[Event]:
        user = await request.session.get(User, request.user_id)
        if user is None:
            raise NotFound("Your account was not found.")
        publisher: EventPublisher = _NoPublisher()
        uow = HeldUnitOfWork(
            request.session, user=user, clock=lambda: request.now, publisher=publisher
        )
        try:
            await self._reverse(uow, request.result)
        except NotFound as error:
            raise Conflict(f"This change cannot be undone any more: {error.message}") from None
        return uow.staged()


def _due(value: Json | None) -> Due | None:
    if value is None:
        return None
    clock = value.get("time")
    return Due(
        date=date.fromisoformat(value["date"]),
        time=time.fromisoformat(clock) if clock else None,
        text=value.get("text") or "",
    )


async def _remove_created_projects(projects: ProjectService, result: Json) -> None:
    for project_id in result.get("created_project_ids", []):
        if await projects.find(project_id) is not None:
            await projects.delete(project_id)


async def _remove_added(tasks: TaskService, projects: ProjectService, result: Json) -> None:
    for task in result["tasks"]:
        if (await tasks.get(task["id"])).deleted_at is None:
            await tasks.delete(task["id"])
    await _remove_created_projects(projects, result)


async def _restore_previous(tasks: TaskService, projects: ProjectService, result: Json) -> None:
    """Puts the fields the tools change back as they were, done or not, and removes the
    projects the change created."""
    for before in result["previous"]:
        fields = TaskFields(
            title=before["title"],
            priority=before["priority"],
            project_id=before["project_id"],
            due=_due(before["due"]),
        )
        task = await tasks.update(before["id"], fields)
        if before["completed_at"] is None and task.completed_at is not None:
            await tasks.reopen(task.id)
        elif before["completed_at"] is not None and task.completed_at is None:
            await tasks.complete(task.id)
    await _remove_created_projects(projects, result)


async def _restore_deleted(tasks: TaskService, _projects: ProjectService, result: Json) -> None:
    for task in result["tasks"]:
        await tasks.restore(task["id"])


async def _remove_project(_tasks: TaskService, projects: ProjectService, result: Json) -> None:
    await projects.delete(result["projects"][0]["id"])


async def _restore_project_fields(
    _tasks: TaskService, projects: ProjectService, result: Json
) -> None:
    before = result["previous"][0]
    fields = ProjectFields(name=before["name"], color=before["color"], archived=before["archived"])
    await projects.update(before["id"], fields)


async def _restore_project(_tasks: TaskService, projects: ProjectService, result: Json) -> None:
    await projects.restore(result["projects"][0]["id"])


UNDO_HANDLERS: dict[str, UndoHandler] = {
    "add_reminders": _ToolUndo(remove_added_reminders),
    "delete_reminders": _ToolUndo(restore_removed_reminders),
    "add_tasks": _ToolUndo(_services(_remove_added)),
    "complete_tasks": _ToolUndo(_services(_restore_previous)),
    "reopen_tasks": _ToolUndo(_services(_restore_previous)),
    "update_tasks": _ToolUndo(_services(_restore_previous)),
    "delete_tasks": _ToolUndo(_services(_restore_deleted)),
    "add_project": _ToolUndo(_services(_remove_project)),
    "update_project": _ToolUndo(_services(_restore_project_fields)),
    "delete_project": _ToolUndo(_services(_restore_project)),
}
