"""Reminders of tasks, and the notifications their firings leave."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from taskmate.db.base import Base, new_id, utcnow

ReminderKind = Literal["relative", "absolute"]


class Reminder(Base):
    """A reminder of one task: ``before_minutes`` before its due date-time (``relative``), or
    at one instant (``absolute``). ``next_fire_at`` is when it fires next (null: nothing
    ahead); the scheduler claims rows by it. ``snoozed_until`` holds a snooze until it fires."""

    __tablename__ = "reminders"
    __table_args__ = (Index(None, "next_fire_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    before_minutes: Mapped[int | None]
    at: Mapped[datetime | None]
    next_fire_at: Mapped[datetime | None]
    snoozed_until: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Notification(Base):
    """One firing of a reminder: the id is the firing's idempotency key outside the app.
    ``missed`` firings came due more than a day before any instance could fire them."""

    __tablename__ = "notifications"
    __table_args__ = (Index(None, "user_id", "fired_at"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20), default="reminder")
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    reminder_id: Mapped[int | None] = mapped_column(
        ForeignKey("reminders.id", ondelete="SET NULL"), index=True
    )
    fired_at: Mapped[datetime]
    read_at: Mapped[datetime | None]
    late_seconds: Mapped[float] = mapped_column(default=0.0)
    snoozed_until: Mapped[datetime | None]
    missed: Mapped[bool] = mapped_column(default=False)
