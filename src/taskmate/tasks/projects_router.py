"""``/projects``: list, create, change, delete (tasks go to the inbox), restore."""

from __future__ import annotations

from fastapi import APIRouter, Response

from taskmate.api.routing import ApiRoute, errors
from taskmate.tasks.deps import ProjectId, ProjectServiceDep
from taskmate.tasks.fields import UNSET, ProjectFields
from taskmate.tasks.schemas import (
    ProjectCreate,
    ProjectListOut,
    ProjectOut,
    ProjectPatch,
    project_body,
)

router = APIRouter(prefix="/projects", tags=["projects"], route_class=ApiRoute)


@router.get("")
async def list_projects(projects: ProjectServiceDep) -> ProjectListOut:
    return ProjectListOut(items=[project_body(project) for project in await projects.listing()])


@router.post("", status_code=201, responses=errors(409))
async def create_project(body: ProjectCreate, projects: ProjectServiceDep) -> ProjectOut:
    return project_body(await projects.create(name=body.name, color=body.color))


@router.patch("/{project_id}", responses=errors(409))
async def update_project(
    body: ProjectPatch, projects: ProjectServiceDep, project_id: ProjectId
) -> ProjectOut:
    fields = ProjectFields(
        name=UNSET if body.name is None else body.name,
        color=body.color if "color" in body.model_fields_set else UNSET,
        archived=UNSET if body.archived is None else body.archived,
    )
    return project_body(await projects.update(project_id, fields))


@router.delete("/{project_id}", status_code=204)
async def delete_project(projects: ProjectServiceDep, project_id: ProjectId) -> Response:
    await projects.delete(project_id)
    return Response(status_code=204)


@router.post("/{project_id}/restore", responses=errors(409))
async def restore_project(projects: ProjectServiceDep, project_id: ProjectId) -> ProjectOut:
    return project_body(await projects.restore(project_id))
