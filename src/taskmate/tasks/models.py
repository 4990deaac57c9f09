"""Tasks, their labels, and projects."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import ForeignKey, Index, Integer, SmallInteger, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from taskmate.db.base import Base, utcnow
from taskmate.reminders.models import Reminder

UNDATED_SORT_KEY = "~"  # sorts after every "YYYY-MM-DD ..." key
# Gap between neighbours in a list's hand-made order, so a move usually rewrites one row.
POSITION_STEP = 1024


def due_sort_key(due_date: date | None, due_time: time | None) -> str:
    """Order key for open tasks: by date, all-day first within a day, then by time; undated last."""
    if due_date is None:
        return UNDATED_SORT_KEY
    return f"{due_date.isoformat()} {due_time.strftime('%H:%M') if due_time else ''}"


class Project(Base):
    __tablename__ = "projects"
    __table_args__ = (
        Index(
            None,
            "user_id",
            "name_key",
            unique=True,
            sqlite_where=text("deleted_at IS NULL"),
            postgresql_where=text("deleted_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    name_key: Mapped[str] = mapped_column(String(120))  # casefolded name, for uniqueness
    color: Mapped[str | None] = mapped_column(String(20))
    archived: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    deleted_at: Mapped[datetime | None]


class Task(Base):
    __tablename__ = "tasks"
    __table_args__ = (
        Index("ix_tasks_open_order", "user_id", "due_sort", text("priority DESC"), "id"),
        Index(None, "user_id", "completed_at", "id"),
        Index(None, "user_id", "deleted_at", "id"),
        Index(None, "user_id", "updated_at"),
        Index("ix_tasks_list_order", "user_id", "project_id", "position", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    project_id: Mapped[int | None] = mapped_column(
        ForeignKey("projects.id", ondelete="SET NULL"), index=True
    )
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("tasks.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(500))
    description: Mapped[str] = mapped_column(Text, default="")
    priority: Mapped[int] = mapped_column(SmallInteger, default=0)
    due_date: Mapped[date | None]
    due_time: Mapped[time | None]
    due_text: Mapped[str | None] = mapped_column(String(200))
    due_sort: Mapped[str] = mapped_column(String(20), default=UNDATED_SORT_KEY)
    # The order the user gave the tasks of one list (a project, or the inbox), then by id.
    position: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    rrule: Mapped[str | None] = mapped_column(String(500))
    recurrence_text: Mapped[str | None] = mapped_column(String(200))
    completed_at: Mapped[datetime | None]
    deleted_at: Mapped[datetime | None]
    # Tasks deleted together (a task and its subtasks) share a deletion id, so restore
    # brings back exactly that group.
    deletion_id: Mapped[str | None] = mapped_column(String(36))
    # Where a task lived before its project was deleted, so restoring the project moves it back.
    trashed_project_id: Mapped[int | None] = mapped_column(
        ForeignKey("projects.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    labels: Mapped[list[TaskLabel]] = relationship(
        cascade="all, delete-orphan",
        lazy="selectin",
        order_by="TaskLabel.name",
        passive_deletes=True,
    )
    reminders: Mapped[list[Reminder]] = relationship(
        cascade="all, delete-orphan",
        lazy="selectin",
        order_by=Reminder.id,
        passive_deletes=True,
    )


class TaskLabel(Base):
    __tablename__ = "task_labels"
    __table_args__ = (Index(None, "name", "task_id"),)

    task_id: Mapped[int] = mapped_column(
        ForeignKey("tasks.id", ondelete="CASCADE"), primary_key=True
    )
    name: Mapped[str] = mapped_column(String(60), primary_key=True)
