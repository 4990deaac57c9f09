"""The order people give the open tasks of one list: a project's, or the inbox's.

Positions leave ``POSITION_STEP`` between neighbours, so a move takes the middle of a gap and
rewrites one row; only when no whole number is left between two neighbours is the list
renumbered. Ties (two tasks made at once) are broken by id.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, Select, and_, func, or_, select

from taskmate.tasks.models import POSITION_STEP, Task


def in_list(user_id: str, project_id: int | None) -> ColumnElement[bool]:
    """Every task of the list, done and trashed ones too."""
    project = Task.project_id.is_(None) if project_id is None else Task.project_id == project_id
    return and_(Task.user_id == user_id, project)


def open_in_list(user_id: str, project_id: int | None) -> ColumnElement[bool]:
    return and_(
        in_list(user_id, project_id), Task.deleted_at.is_(None), Task.completed_at.is_(None)
    )


def last_position(user_id: str, project_id: int | None) -> Select[int]:
    return select(func.max(Task.position)).where(in_list(user_id, project_id))


def in_order(user_id: str, project_id: int | None) -> Select[Task]:
    return select(Task).where(open_in_list(user_id, project_id)).order_by(Task.position, Task.id)


def beside(target: Task, *, after: bool, leaving_out: int) -> Select[Task]:
    """The open task right after (or before) ``target`` in its list, other than ``leaving_out``."""
    if after:
        side = or_(
            Task.position > target.position,
            and_(Task.position == target.position, Task.id > target.id),
        )
        order = (Task.position.asc(), Task.id.asc())
    else:
        side = or_(
            Task.position < target.position,
            and_(Task.position == target.position, Task.id < target.id),
        )
        order = (Task.position.desc(), Task.id.desc())
    return (
        select(Task)
        .where(open_in_list(target.user_id, target.project_id), Task.id != leaving_out, side)
        .order_by(*order)
        .limit(1)
    )


def between(lower: int | None, upper: int | None) -> int | None:
    """A position after ``lower`` and before ``upper`` (None: that end of the list is open);
    None when they are adjacent, and the list needs renumbering. One of them is known."""
    if lower is None:
        assert upper is not None
        return upper - POSITION_STEP
    if upper is None:
        return lower + POSITION_STEP
    return (lower + upper) // 2 if upper - lower > 1 else None


def renumbered(ordered: list[Task]) -> list[Task]:
    """Spreads the list ``POSITION_STEP`` apart; the tasks whose position changed."""
    changed = []
    for index, task in enumerate(ordered, start=1):
        if task.position != index * POSITION_STEP:
            task.position = index * POSITION_STEP
            changed.append(task)
    return changed
