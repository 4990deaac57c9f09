"""``GET /me/export``: everything the user has, as one JSON document."""

from __future__ import annotations

from fastapi import APIRouter, Response
from pydantic import BaseModel

from taskmate.api.routing import ApiRoute
from taskmate.api.types import Timestamp
from taskmate.auth.deps import CurrentUser
from taskmate.auth.schemas import UserOut
from taskmate.chat.deps import ReadingServiceDep
from taskmate.chat.render import AnyItemOut, ConversationOut, conversation_out, item_out
from taskmate.reminders.notification_schemas import NotificationOut, notification_body
from taskmate.reminders.notifications import NotificationService
from taskmate.tasks.deps import UnitOfWorkDep
from taskmate.tasks.projects import ProjectService
from taskmate.tasks.schemas import ProjectOut, TaskOut, project_body, task_body
from taskmate.tasks.service import TaskService

router = APIRouter(prefix="/me", tags=["me"], route_class=ApiRoute)


class ExportedProject(ProjectOut):
    deleted_at: Timestamp | None


class ExportedConversation(ConversationOut):
    items: list[AnyItemOut]


class ExportOut(BaseModel):
    exported_at: Timestamp
    user: UserOut
    tasks: list[TaskOut]
    projects: list[ExportedProject]
    conversations: list[ExportedConversation]
    notifications: list[NotificationOut]


@router.get("/export")
async def export_account(
    user: CurrentUser, uow: UnitOfWorkDep, reading: ReadingServiceDep, response: Response
) -> ExportOut:
    """All tasks (done and deleted too) with their reminders, all projects (deleted too), by
    id, every conversation the user takes part in, with its items, and every notification."""
    now = uow.now()
    tasks = await TaskService(uow).all_tasks()
    projects = await ProjectService(uow).all_projects()
    conversations = await reading.everything()
    notifications = await NotificationService(uow).listing(limit=None)
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
        conversations=[
            ExportedConversation(
                **conversation_out(view).model_dump(), items=[item_out(item) for item in items]
            )
            for view, items in conversations
        ],
        notifications=[notification_body(*pair) for pair in notifications],
    )
