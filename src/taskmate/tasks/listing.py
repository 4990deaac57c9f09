"""The task listing: filters, the order of each status, and keyset positions within it.

Open (and all) tasks follow the index ``ix_tasks_open_order (user_id, due_sort, priority DESC,
id)``, so a page is an index range scan with no sort step; the open tasks of one project follow
the order the user gave them, ``ix_tasks_list_order (user_id, project_id, position, id)``. Done
and deleted tasks run newest first along ``(user_id, completed_at, id)`` and ``(user_id,
deleted_at, id)`` read backwards.
Each keyset condition repeats its leading column as a plain range (``due_sort >= :key``) so
the database can seek straight to the position instead of filtering from the start.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Literal

from sqlalchemy import ColumnElement, Select, and_, exists, or_, select
from sqlalchemy.orm import InstrumentedAttribute

from taskmate.tasks.models import Task, TaskLabel
from taskmate.tasks.overdue import overdue_condition
from taskmate.tasks.pagination import CursorValue, invalid_cursor

TaskStatus = Literal["open", "done", "all", "deleted"]
TRASH_RETENTION = timedelta(days=30)


@dataclass(frozen=True, kw_only=True, slots=True)
class TaskFilters:
    status: TaskStatus = "open"
    project_id: int | None = None
    parent_id: int | None = None
    label: str | None = None
    due_before: date | None = None
    due_after: date | None = None
    overdue: bool = False
    q: str | None = None
    updated_after: datetime | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class TaskPage:
    items: list[Task]
    next_key: list[CursorValue] | None


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


class DueOrder:
    """By due date and time (undated last), then priority, high first, then id."""

    def order_by(self) -> tuple[ColumnElement[Any], ...]:
        return (Task.due_sort.asc(), Task.priority.desc(), Task.id.asc())

    def key_of(self, task: Task) -> list[CursorValue]:
        return [task.due_sort, task.priority, task.id]

    def after(self, key: Sequence[CursorValue]) -> ColumnElement[bool]:
        if len(key) != 3 or not isinstance(key[0], str) or not all(map(_is_int, key[1:])):
            raise invalid_cursor()
        due_sort, priority, task_id = key
        return and_(
            Task.due_sort >= due_sort,
            or_(
                Task.due_sort > due_sort,
                and_(
                    Task.due_sort == due_sort,
                    or_(
                        Task.priority < priority,
                        and_(Task.priority == priority, Task.id > task_id),
                    ),
                ),
            ),
        )


class NewestFirst:
    """By a timestamp, newest first, then id, highest first."""

    def __init__(self, column: InstrumentedAttribute[datetime | None]) -> None:
        self.column = column

    def order_by(self) -> tuple[ColumnElement[Any], ...]:
        return (self.column.desc(), Task.id.desc())

    def key_of(self, task: Task) -> list[CursorValue]:
        stamp = getattr(task, self.column.key)
        assert isinstance(stamp, datetime)
        return [stamp.isoformat(), task.id]

    def after(self, key: Sequence[CursorValue]) -> ColumnElement[bool]:
        if len(key) != 2 or not isinstance(key[0], str) or not _is_int(key[1]):
            raise invalid_cursor()
        try:
            stamp = datetime.fromisoformat(key[0])
        except ValueError:
            raise invalid_cursor() from None
        if stamp.tzinfo is None:
            raise invalid_cursor()
        task_id = key[1]
        return and_(
            self.column <= stamp,
            or_(self.column < stamp, and_(self.column == stamp, Task.id < task_id)),
        )


class PositionOrder:
    """By the position the user gave each task in its list, then id."""

    def order_by(self) -> tuple[ColumnElement[Any], ...]:
        return (Task.position.asc(), Task.id.asc())

    def key_of(self, task: Task) -> list[CursorValue]:
        return [task.position, task.id]

    def after(self, key: Sequence[CursorValue]) -> ColumnElement[bool]:
        if len(key) != 2 or not all(map(_is_int, key)):
            raise invalid_cursor()
        position, task_id = key
        return and_(
            Task.position >= position,
            or_(Task.position > position, and_(Task.position == position, Task.id > task_id)),
        )


Ordering = DueOrder | NewestFirst | PositionOrder

ORDERINGS: dict[TaskStatus, Ordering] = {
    "open": DueOrder(),
    "all": DueOrder(),
    "done": NewestFirst(Task.completed_at),
    "deleted": NewestFirst(Task.deleted_at),
}
BY_POSITION = PositionOrder()


def ordering_of(filters: TaskFilters) -> tuple[str, Ordering]:
    """The listing's order and the scope its cursors are tied to."""
    if filters.status == "open" and filters.project_id is not None:
        return "open-by-position", BY_POSITION
    return filters.status, ORDERINGS[filters.status]


def _status_condition(status: TaskStatus, now: datetime) -> ColumnElement[bool]:
    if status == "deleted":
        return Task.deleted_at >= now - TRASH_RETENTION
    live = Task.deleted_at.is_(None)
    if status == "open":
        return and_(live, Task.completed_at.is_(None))
    if status == "done":
        return and_(live, Task.completed_at.is_not(None))
    return live


def _filter_conditions(filters: TaskFilters, local_now: datetime) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if filters.project_id is not None:
        conditions.append(Task.project_id == filters.project_id)
    if filters.parent_id is not None:
        conditions.append(Task.parent_id == filters.parent_id)
    if filters.label is not None:
        conditions.append(
            exists().where(TaskLabel.task_id == Task.id, TaskLabel.name == filters.label)
        )
    if filters.due_before is not None:
        conditions.append(Task.due_date <= filters.due_before)
    if filters.due_after is not None:
        conditions.append(Task.due_date >= filters.due_after)
    if filters.overdue:
        conditions += [Task.completed_at.is_(None), overdue_condition(local_now)]
    if filters.q:
        conditions.append(
            or_(
                Task.title.icontains(filters.q, autoescape=True),
                Task.description.icontains(filters.q, autoescape=True),
            )
        )
    if filters.updated_after is not None:
        conditions.append(Task.updated_at > filters.updated_after)
    return conditions


def listing_statement(
    user_id: str,
    filters: TaskFilters,
    *,
    local_now: datetime,
    after: Sequence[CursorValue] | None,
    limit: int,
) -> Select[Task]:
    """One page of the user's tasks, plus one row to tell whether another page follows."""
    _, ordering = ordering_of(filters)
    conditions = [
        Task.user_id == user_id,
        _status_condition(filters.status, local_now),
        *_filter_conditions(filters, local_now),
    ]
    if after is not None:
        conditions.append(ordering.after(after))
    return select(Task).where(*conditions).order_by(*ordering.order_by()).limit(limit + 1)
