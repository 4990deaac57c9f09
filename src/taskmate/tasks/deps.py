"""Dependencies of the task and project routes: services for the caller, ids from the path."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Annotated

from fastapi import Depends

from taskmate.api.deps import RuntimeDep, SessionDep
from taskmate.auth.deps import TasksUser
from taskmate.errors import NotFound
from taskmate.tasks.pagination import CursorCodec
from taskmate.tasks.projects import ProjectService, project_not_found
from taskmate.tasks.schemas import MAX_RECORD_ID
from taskmate.tasks.service import TaskService, task_not_found
from taskmate.tasks.unit_of_work import UnitOfWork


def unit_of_work(session: SessionDep, runtime: RuntimeDep, user: TasksUser) -> UnitOfWork:
    return UnitOfWork(session, user=user, clock=runtime.clock, publisher=runtime.events)


UnitOfWorkDep = Annotated[UnitOfWork, Depends(unit_of_work)]


def task_service(uow: UnitOfWorkDep) -> TaskService:
    return TaskService(uow)


def project_service(uow: UnitOfWorkDep) -> ProjectService:
    return ProjectService(uow)


TaskServiceDep = Annotated[TaskService, Depends(task_service)]
ProjectServiceDep = Annotated[ProjectService, Depends(project_service)]


@cache
def _codec(secret: str) -> CursorCodec:
    return CursorCodec(secret)


def cursor_codec(runtime: RuntimeDep) -> CursorCodec:
    return _codec(runtime.settings.signing_key())


CursorCodecDep = Annotated[CursorCodec, Depends(cursor_codec)]


def _record_id(raw: str, not_found: Callable[[object], NotFound]) -> int:
    """Ids in paths are plain positive integers; anything else is simply not found."""
    if raw.isascii() and raw.isdigit() and len(raw) <= 10 and 0 < int(raw) <= MAX_RECORD_ID:
        return int(raw)
    raise not_found(raw)


def task_id_path(task_id: str) -> int:
    return _record_id(task_id, task_not_found)


def project_id_path(project_id: str) -> int:
    return _record_id(project_id, project_not_found)


TaskId = Annotated[int, Depends(task_id_path)]
ProjectId = Annotated[int, Depends(project_id_path)]
