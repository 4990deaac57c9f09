"""When a due date has passed: before today, or today with a time already past.

Both sides take ``now`` on the user's wall clock, since due dates are in the user's zone.
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import ColumnElement, and_, or_

from taskmate.tasks.models import Task


def is_overdue(due_date: date, due_time: time | None, now: datetime) -> bool:
    today = now.date()
    return due_date < today or (
        due_date == today and due_time is not None and due_time < now.time()
    )


def overdue_condition(now: datetime) -> ColumnElement[bool]:
    today = now.date()
    return or_(
        Task.due_date < today,
        and_(Task.due_date == today, Task.due_time < now.time()),
    )
