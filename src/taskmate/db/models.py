"""Imports every model so that ``Base.metadata`` knows all tables (for Alembic and tests)."""

from taskmate.auth.models import AuthSession, PersonalAccessToken, RefreshToken, User
from taskmate.chat.models import Conversation, Generation, Item, Participant
from taskmate.db.base import Base
from taskmate.mcp.models import McpChange
from taskmate.tasks.models import Project, Task, TaskLabel

__all__ = [
    "AuthSession",
    "Base",
    "Conversation",
    "Generation",
    "Item",
    "McpChange",
    "Participant",
    "PersonalAccessToken",
    "Project",
    "RefreshToken",
    "Task",
    "TaskLabel",
    "User",
]
