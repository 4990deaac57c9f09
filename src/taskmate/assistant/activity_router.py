"""``GET /tasks/{id}/activity``: what the assistant changed on a task (needs both the tasks
and the chat areas: it reads the task and the conversations that changed it)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from taskmate.api.routing import ApiRoute
from taskmate.api.types import Timestamp
from taskmate.assistant.activity import ActivityEntry, TaskActivity
from taskmate.auth.deps import ChatUser
from taskmate.tasks.deps import TaskId, UnitOfWorkDep

router = APIRouter(prefix="/tasks", tags=["tasks"], route_class=ApiRoute)


class ActivityConversationOut(BaseModel):
    id: str
    title: str | None


class ActivityEntryOut(BaseModel):
    item_id: str = Field(description="The tool call item (for its undo endpoint)")
    conversation: ActivityConversationOut
    tool: str
    action: str = Field(
        description="created, updated, completed, reopened, deleted, reminder_added, "
        "reminders_removed or reminder_snoozed"
    )
    text: str = Field(description="The change in words, on the user's clock, as of now")
    at: Timestamp
    undo_until: Timestamp | None
    undone_at: Timestamp | None
    can_undo: bool = Field(description="The caller can undo it now")


class ActivityOut(BaseModel):
    items: list[ActivityEntryOut]
    has_more: bool


def _entry(entry: ActivityEntry) -> ActivityEntryOut:
    return ActivityEntryOut(
        item_id=entry.item_id,
        conversation=ActivityConversationOut(
            id=entry.conversation_id, title=entry.conversation_title
        ),
        tool=entry.tool,
        action=entry.action,
        text=entry.text,
        at=entry.at,
        undo_until=entry.undo_until,
        undone_at=entry.undone_at,
        can_undo=entry.can_undo,
    )


@router.get("/{task_id}/activity")
async def task_activity(
    task_id: TaskId,
    uow: UnitOfWorkDep,
    _reader: ChatUser,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> ActivityOut:
    """The assistant's changes to the task, newest first (at most ``limit``)."""
    page = await TaskActivity(uow).of_task(task_id, limit=limit)
    return ActivityOut(items=[_entry(entry) for entry in page.entries], has_more=page.has_more)
