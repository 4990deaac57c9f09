"""A compact picture of the user's tasks for the model: the open tasks most related to the
message, overdue, due in the next days, the latest undated open tasks, and open tasks per list.
Each part reads a bounded number of rows and titles are shortened, so the text stays under
``SUMMARY_LIMIT`` characters however many tasks the user has.

The related tasks are found by the cosine of sentence embeddings between the message and the
titles of the ``RELATED_POOL`` newest open tasks (embedded in one batch): those reaching
``RELATED_LEVEL``, best first, so "mark the passport renewal as done" shows "renew passport"
(0.80) however old it is, and a title sharing only "task" with the message (0.29) does not."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import numpy as np
from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from taskmate.assistant.understanding.embedding import similarities
from taskmate.db.engine import Database
from taskmate.tasks.models import Project, Task
from taskmate.tasks.overdue import overdue_condition

Order = ColumnElement[Any] | InstrumentedAttribute[Any]
PER_PART = 8
MAX_PROJECTS = 20
MAX_TITLE = 60
SOON = timedelta(days=7)
SUMMARY_LIMIT = 4000
RELATED_POOL = 2000
RELATED_LEVEL = 0.35


def _short(text: str, limit: int = MAX_TITLE) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _line(task: Task) -> str:
    line = f"#{task.id} {_short(task.title)}"
    if task.due_date is not None:
        clock = f" {task.due_time.strftime('%H:%M')}" if task.due_time else ""
        line += f" (due {task.due_date.isoformat()}{clock})"
    return line


class _Reader:
    def __init__(self, session: AsyncSession, user_id: str) -> None:
        self._session = session
        self._open = and_(
            Task.user_id == user_id, Task.completed_at.is_(None), Task.deleted_at.is_(None)
        )
        self._user_id = user_id

    async def part(
        self,
        title: str,
        where: ColumnElement[bool],
        *order: ColumnElement[Any] | InstrumentedAttribute[Any],
    ) -> list[str]:
        count = await self._session.scalar(select(func.count()).where(self._open, where))
        if not count:
            return []
        query = select(Task).where(self._open, where).order_by(*order).limit(PER_PART)
        tasks = (await self._session.scalars(query)).all()
        more = f" ({count} in all)" if count > len(tasks) else ""
        return [f"{title}{more}:", *(f"- {_line(task)}" for task in tasks)]

    async def related(self, message: str) -> list[str]:
        titles = (
            await self._session.execute(
                select(Task.id, Task.title)
                .where(self._open)
                .order_by(Task.id.desc())
                .limit(RELATED_POOL)
            )
        ).all()
        scores = similarities(message.casefold(), [title.casefold() for _, title in titles])
        best = [int(i) for i in np.argsort(-scores)[:PER_PART] if scores[i] >= RELATED_LEVEL]
        if not best:
            return []
        ids = [titles[i].id for i in best]
        tasks = {
            task.id: task
            for task in await self._session.scalars(select(Task).where(Task.id.in_(ids)))
        }
        return ["Related to this message:", *(f"- {_line(tasks[task_id])}" for task_id in ids)]

    async def projects(self) -> list[str]:
        open_tasks = func.count(Task.id)
        rows = (
            await self._session.execute(
                select(Project.id, Project.name, open_tasks)
                .outerjoin(Task, and_(Task.project_id == Project.id, self._open))
                .where(Project.user_id == self._user_id, Project.deleted_at.is_(None))
                .group_by(Project.id, Project.name)
                .order_by(open_tasks.desc(), Project.name)
                .limit(MAX_PROJECTS)
            )
        ).all()
        inbox = await self._session.scalar(
            select(func.count()).where(self._open, Task.project_id.is_(None))
        )
        lines = [f"Open tasks per list: inbox {inbox or 0}"]
        lines += [f"- list #{pid} {_short(name, 40)}: {count}" for pid, name, count in rows]
        return lines


async def task_summary(database: Database, user_id: str, now: datetime, *, message: str) -> str:
    """``now`` is on the user's wall clock; ``message`` is what the user just said."""
    today = now.date()
    async with database.session() as session:
        reader = _Reader(session, user_id)
        overdue = overdue_condition(now)
        lines = await reader.related(message)
        lines += await reader.part("Overdue", overdue, Task.due_sort, Task.id)
        soon = and_(Task.due_date <= today + SOON, ~overdue)
        lines += await reader.part("Due in the next 7 days", soon, Task.due_sort, Task.id)
        undated = Task.due_date.is_(None)
        lines += await reader.part(
            "Latest undated", undated, Task.created_at.desc(), Task.id.desc()
        )
        lines += await reader.projects()
    return "\n".join(lines)[:SUMMARY_LIMIT]
