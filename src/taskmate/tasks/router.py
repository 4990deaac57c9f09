"""``/tasks``: list, create, quick add, read, change, move, complete, reopen, delete, restore."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from taskmate.api.routing import ApiRoute, errors
from taskmate.tasks.dates import Due
from taskmate.tasks.deps import CursorCodecDep, TaskId, TaskServiceDep
from taskmate.tasks.fields import UNSET, TaskFields
from taskmate.tasks.listing import TaskFilters, ordering_of
from taskmate.tasks.schemas import (
    DueIn,
    QuickAddIn,
    TaskCreate,
    TaskMoveIn,
    TaskOut,
    TaskPageOut,
    TaskPatch,
    TaskQuery,
    task_body,
)

router = APIRouter(prefix="/tasks", tags=["tasks"], route_class=ApiRoute)


def _due(due: DueIn | None) -> Due | None:
    return None if due is None else Due(date=due.date, time=due.time, text="")


def task_fields(body: TaskCreate | TaskPatch) -> TaskFields:
    """The fields the body sent. ``null`` clears the nullable ones (``description: null`` is
    the empty description); the others refuse ``null`` while validating, so there None means
    "not sent"."""
    sent = body.model_fields_set
    return TaskFields(
        title=UNSET if body.title is None else body.title,
        description=(body.description or "") if "description" in sent else UNSET,
        project_id=body.project_id if "project_id" in sent else UNSET,
        parent_id=body.parent_id if "parent_id" in sent else UNSET,
        labels=UNSET if body.labels is None else body.labels,
        priority=UNSET if body.priority is None else body.priority,
        due=_due(body.due) if "due" in sent else UNSET,
        due_text=body.due_text if "due_text" in sent else UNSET,
        recurrence_text=body.recurrence_text if "recurrence_text" in sent else UNSET,
    )


@router.get("", responses=errors(404))  # project_id of no project of the caller
async def list_tasks(
    tasks: TaskServiceDep, codec: CursorCodecDep, query: Annotated[TaskQuery, Query()]
) -> TaskPageOut:
    filters = TaskFilters(
        status=query.status,
        project_id=query.project_id,
        parent_id=query.parent_id,
        label=query.label,
        due_before=query.due_before,
        due_after=query.due_after,
        overdue=query.overdue,
        q=query.q or None,
        updated_after=query.updated_after,
    )
    scope, _ = ordering_of(filters)
    after = codec.decode(query.cursor, scope) if query.cursor else None
    page = await tasks.listing(filters, limit=query.limit, after=after)
    return TaskPageOut(
        items=[task_body(task) for task in page.items],
        next_cursor=codec.encode(scope, page.next_key) if page.next_key else None,
    )


@router.post("", status_code=201)
async def create_task(body: TaskCreate, tasks: TaskServiceDep) -> TaskOut:
    return task_body(await tasks.create(task_fields(body)))


@router.post("/quick", status_code=201)
async def quick_add(body: QuickAddIn, tasks: TaskServiceDep) -> TaskOut:
    return task_body(await tasks.quick_add(body.text, project_id=body.project_id, label=body.label))


@router.get("/{task_id}")
async def read_task(tasks: TaskServiceDep, task_id: TaskId) -> TaskOut:
    return task_body(await tasks.get(task_id))


@router.patch("/{task_id}")
async def update_task(body: TaskPatch, tasks: TaskServiceDep, task_id: TaskId) -> TaskOut:
    return task_body(await tasks.update(task_id, task_fields(body)))


@router.post("/{task_id}/move")
async def move_task(body: TaskMoveIn, tasks: TaskServiceDep, task_id: TaskId) -> TaskOut:
    """Reorders a task within its list; the neighbours it passes keep their place."""
    next_to, after = body.place()
    return task_body(await tasks.move(task_id, next_to=next_to, after=after))


@router.delete("/{task_id}", status_code=204)
async def delete_task(tasks: TaskServiceDep, task_id: TaskId) -> Response:
    await tasks.delete(task_id)
    return Response(status_code=204)


@router.post("/{task_id}/restore")
async def restore_task(tasks: TaskServiceDep, task_id: TaskId) -> TaskOut:
    return task_body(await tasks.restore(task_id))


@router.post("/{task_id}/complete")
async def complete_task(tasks: TaskServiceDep, task_id: TaskId) -> TaskOut:
    return task_body(await tasks.complete(task_id))


@router.post("/{task_id}/reopen")
async def reopen_task(tasks: TaskServiceDep, task_id: TaskId) -> TaskOut:
    return task_body(await tasks.reopen(task_id))
