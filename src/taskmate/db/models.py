"""Imports every model so that ``Base.metadata`` knows all tables (for Alembic and tests)."""

from taskmate.auth.models import AuthSession, RefreshToken, User
from taskmate.db.base import Base
from taskmate.tasks.models import Project, Task, TaskLabel

__all__ = ["AuthSession", "Base", "Project", "RefreshToken", "Task", "TaskLabel", "User"]
