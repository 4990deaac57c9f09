"""``GET /me/export``: everything the user has, as one JSON document."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response
from pydantic import BaseModel

from taskmate.api.types import Timestamp
from taskmate.auth.deps import CurrentUser
from taskmate.auth.schemas import UserOut
from taskmate.tasks.deps import UnitOfWorkDep
from taskmate.tasks.projects import ProjectService
from taskmate.tasks.schemas import ProjectOut, TaskOut, project_body, task_body
from taskmate.tasks.service import TaskService

router = APIRouter(prefix="/me", tags=["me"])


class ExportedProject(ProjectOut):
    deleted_at: Timestamp | None


class ExportOut(BaseModel):
    exported_at: Timestamp
    user: UserOut
    tasks: list[TaskOut]
    projects: list[ExportedProject]
    conversations: list[dict[str, Any]]


@router.get("/export")
async def export_account(user: CurrentUser, uow: UnitOfWorkDep, response: Response) -> ExportOut:
    """All tasks (done and deleted too) and all projects (deleted too), by id."""
    now = uow.now()
    tasks = await TaskService(uow).all_tasks()
    projects = await ProjectService(uow).all_projects()
    filename = f"taskmate-export-{now:%Y-%m-%d}.json"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return ExportOut(
        exported_at=now,
        user=UserOut.model_validate(user),
        tasks=[task_body(task) for task in tasks],
        projects=[
            ExportedProject(**project_body(project).model_dump(), deleted_at=project.deleted_at)
            for project in projects
        ],
        conversations=[],  # filled in once conversations exist (a later issue)
    )
