"""Walking the subtask tree in SQL: a task's subtree and a task's ancestors.

Both use a recursive CTE with ``UNION`` (not ``UNION ALL``), so even a corrupted cycle in the
data could not make them run forever.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, Select, exists, select

from taskmate.tasks.models import Task


def subtree(user_id: str, root_id: int, *, deletion_id: str | None) -> Select[Task]:
    """The root and its descendants that share ``deletion_id`` (None: the live ones)."""
    same_group = (
        Task.deletion_id.is_(None) if deletion_id is None else (Task.deletion_id == deletion_id)
    )
    tree = (
        select(Task.id)
        .where(Task.id == root_id, Task.user_id == user_id)
        .cte("subtree", recursive=True)
    )
    tree = tree.union(
        select(Task.id).where(Task.parent_id == tree.c.id, Task.user_id == user_id, same_group)
    )
    return select(Task).where(Task.id.in_(select(tree.c.id))).order_by(Task.id)


def is_ancestor_or_self(user_id: str, task_id: int, *, of: int) -> ColumnElement[bool]:
    """Whether ``task_id`` is the task ``of`` or one of its ancestors."""
    chain = (
        select(Task.id, Task.parent_id)
        .where(Task.id == of, Task.user_id == user_id)
        .cte("ancestors", recursive=True)
    )
    chain = chain.union(
        select(Task.id, Task.parent_id).where(Task.id == chain.c.parent_id, Task.user_id == user_id)
    )
    return exists().where(chain.c.id == task_id)
