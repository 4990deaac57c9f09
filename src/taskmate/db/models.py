"""Imports every model so that ``Base.metadata`` knows all tables (for Alembic and tests)."""

from taskmate.auth.models import AuthSession, PersonalAccessToken, RefreshToken, User
from taskmate.chat.models import Conversation, Generation, Item, ItemSubject, Participant
from taskmate.db.base import Base
from taskmate.mcp.models import McpChange
from taskmate.notify.models import NotifyChannel
from taskmate.reminders.models import Notification, Reminder
from taskmate.tasks.models import Project, Task, TaskLabel

__all__ = [
    "AuthSession",
    "Base",
    "Conversation",
    "Generation",
    "Item",
    "ItemSubject",
    "McpChange",
    "Notification",
    "NotifyChannel",
    "Participant",
    "PersonalAccessToken",
    "Project",
    "RefreshToken",
    "Reminder",
    "Task",
    "TaskLabel",
    "User",
]
