"""Tasks: the only code that writes them, for the API and the assistant's tools alike.

Every method acts for the unit of work's user, commits its own transaction and then publishes
one event per task it changed (the task as the API renders it).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select

from taskmate.errors import NotFound, ValidationFailed
from taskmate.events import EventAction
from taskmate.reminders.following import follow_tasks
from taskmate.reminders.reading import read_for_task
from taskmate.tasks.dates import Due, parse_due
from taskmate.tasks.fields import UNSET, TaskFields
from taskmate.tasks.listing import (
    TRASH_RETENTION,
    TaskFilters,
    TaskPage,
    listing_statement,
    ordering_of,
)
from taskmate.tasks.models import (
    POSITION_STEP,
    UNDATED_SORT_KEY,
    Task,
    TaskLabel,
    due_sort_key,
)
from taskmate.tasks.overdue import is_overdue
from taskmate.tasks.pagination import CursorValue
from taskmate.tasks.positions import beside, between, in_order, last_position, renumbered
from taskmate.tasks.projects import ProjectService, project_not_found
from taskmate.tasks.quickadd import QuickAdd, parse_quick_add
from taskmate.tasks.recurrence import (
    Recurrence,
    RecurrenceMatch,
    next_occurrence,
    parse_recurrence,
)
from taskmate.tasks.reschedule import rescheduled
from taskmate.tasks.schemas import (
    MAX_LABEL,
    MAX_LABELS,
    MAX_PROJECT_NAME,
    MAX_TITLE,
    task_json,
)
from taskmate.tasks.tree import is_ancestor_or_self, subtree
from taskmate.tasks.unit_of_work import UnitOfWork

# Completing a recurring task skips occurrences that are already overdue; this bounds the
# walk for a rule whose task was left undone for a very long time.
MAX_SKIPPED_OCCURRENCES = 5000


def task_not_found(reference: object) -> NotFound:
    return NotFound(f"No task #{reference} was found among your tasks.")


def _due_of(task: Task) -> Due | None:
    if task.due_date is None:
        return None
    return Due(date=task.due_date, time=task.due_time, text=task.due_text or "")


def _set_due(task: Task, due: Due | None) -> None:
    task.due_date = due.date if due else None
    task.due_time = due.time if due else None
    task.due_text = (due.text or None) if due else None
    task.due_sort = due_sort_key(task.due_date, task.due_time)


def _set_labels(task: Task, names: Sequence[str]) -> None:
    wanted = list(dict.fromkeys(names))
    if {label.name for label in task.labels} != set(wanted):
        kept = {label.name: label for label in task.labels if label.name in wanted}
        task.labels = [kept.get(name) or TaskLabel(name=name) for name in wanted]


def _following_due(rrule: str, due: Due, now: datetime) -> Due | None:
    """The next occurrence after ``due`` that is not already overdue; None when the rule ends."""
    following = next_occurrence(rrule, after=due)
    for _ in range(MAX_SKIPPED_OCCURRENCES):
        if following is None or not is_overdue(following.date, following.time, now):
            break
        following = next_occurrence(rrule, after=following)
    return following


def _checked(parsed: QuickAdd) -> QuickAdd:
    """Quick add's parts must fit the same limits as the fields they fill."""
    problem = None
    if len(parsed.title) > MAX_TITLE:
        problem = f"leaves a title of {len(parsed.title)} characters; at most {MAX_TITLE} fit"
    elif len(parsed.labels) > MAX_LABELS:
        problem = f"has {len(parsed.labels)} labels; a task holds at most {MAX_LABELS}"
    elif any(len(label) > MAX_LABEL for label in parsed.labels):
        problem = f"has a label longer than {MAX_LABEL} characters"
    elif parsed.project and len(parsed.project) > MAX_PROJECT_NAME:
        problem = f"names a project longer than {MAX_PROJECT_NAME} characters"
    if problem is not None:
        raise ValidationFailed.field("text", problem)
    return parsed


class TaskService:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow
        self._db = uow.session
        self._projects = ProjectService(uow)

    # Reading ---------------------------------------------------------------------------

    async def get(self, task_id: int) -> Task:
        """A live task, or one in the trash (within its retention)."""
        return await self._load(task_id, trashed=True)

    async def listing(
        self, filters: TaskFilters, *, limit: int, after: Sequence[CursorValue] | None = None
    ) -> TaskPage:
        if filters.project_id is not None and await self._projects.find(filters.project_id) is None:
            raise project_not_found(filters.project_id)
        statement = listing_statement(
            self._uow.user_id,
            filters,
            local_now=self._uow.local_now(),
            after=after,
            limit=limit,
        )
        rows = list(await self._db.scalars(statement))
        if len(rows) <= limit:
            return TaskPage(items=rows, next_key=None)
        items = rows[:limit]
        _, ordering = ordering_of(filters)
        return TaskPage(items=items, next_key=ordering.key_of(items[-1]))

    async def all_tasks(self) -> list[Task]:
        """Every task, done and deleted ones too, by id (for the export)."""
        rows = await self._db.scalars(
            select(Task).where(Task.user_id == self._uow.user_id).order_by(Task.id)
        )
        return list(rows)

    # Writing ---------------------------------------------------------------------------

    async def create(self, fields: TaskFields) -> Task:
        if fields.title is UNSET:
            raise ValidationFailed.field("title", "is required")
        now = self._uow.now()
        task = Task(
            user_id=self._uow.user_id,
            title=fields.title,
            description="",
            priority=0,
            due_sort=UNDATED_SORT_KEY,
            labels=[],
            reminders=[],
            created_at=now,
            updated_at=now,
        )
        await self._apply(task, fields)
        task.position = await self._end_of_list(task.project_id)
        self._db.add(task)
        await self._save("created", [task])
        return task

    async def quick_add(
        self, text: str, *, project_id: int | None = None, label: str | None = None
    ) -> Task:
        """One line with the title, a date or recurrence, ``#project``, ``@labels``, ``p1``.
        A project that does not exist yet is created. ``project_id`` is the project when the
        line names none, ``label`` one more label (where the line was typed)."""
        parsed = _checked(parse_quick_add(text, now=self._uow.local_now()))
        project = await self._projects.named(parsed.project) if parsed.project else None
        named = {name.casefold() for name in parsed.labels}
        extra = [label] if label and label.casefold() not in named else []
        return await self.create(
            TaskFields(
                title=parsed.title,
                project_id=project.id if project else project_id,
                labels=[*parsed.labels, *extra],
                priority=parsed.priority,
                due=parsed.due,
                recurrence=parsed.recurrence,
            )
        )

    async def update(self, task_id: int, fields: TaskFields) -> Task:
        task = await self._load(task_id)
        project_id = task.project_id
        await self._apply(task, fields)
        if task.project_id != project_id:
            task.position = await self._end_of_list(task.project_id)
        return await self._save_if_changed(task)

    async def move(self, task_id: int, *, next_to: int, after: bool) -> Task:
        """Puts the task right after (or before) ``next_to``, an open task of the same list:
        the same project, or the inbox."""
        task = await self._load(task_id)
        target = await self._move_target(task, next_to, field="after_id" if after else "before_id")
        neighbour = await self._db.scalar(beside(target, after=after, leaving_out=task.id))
        lower, upper = (target, neighbour) if after else (neighbour, target)
        position = between(
            None if lower is None else lower.position, None if upper is None else upper.position
        )
        if position is not None:
            task.position = position
            return await self._save_if_changed(task)
        await self._renumber(task, next_to=target, after=after)
        return task

    async def complete(self, task_id: int) -> Task:
        """Done, or for a recurring task: moved to its next occurrence that is not overdue
        (counting from its due date, or from today when it has none); done when the rule
        has ended. Completing a done task changes nothing. Done or moved on, the task's
        unread reminder notifications are read: what they asked for is done."""
        task = await self._load(task_id)
        if task.completed_at is not None:
            return task
        await read_for_task(self._uow, task.id)
        now = self._uow.local_now()
        following = None
        if task.rrule is not None:
            start = _due_of(task) or Due(date=now.date(), time=None, text="")
            following = _following_due(task.rrule, start, now)
        if following is not None:
            _set_due(task, following)
        else:
            task.completed_at = self._uow.now()
        return await self._save_if_changed(task)

    async def reopen(self, task_id: int) -> Task:
        task = await self._load(task_id)
        task.completed_at = None
        return await self._save_if_changed(task)

    async def delete(self, task_id: int) -> None:
        """Moves the task and its live subtasks to the trash, as one group."""
        task = await self._load(task_id)
        group = list(await self._db.scalars(subtree(task.user_id, task.id, deletion_id=None)))
        now, deletion_id = self._uow.now(), str(uuid.uuid4())
        for member in group:
            member.deleted_at, member.deletion_id = now, deletion_id
        await self._save("deleted", group)

    async def restore(self, task_id: int) -> Task:
        """Brings the task back with the subtasks deleted together with it. When its parent is
        still in the trash, it comes back as a top-level task. A live task is left as is."""
        task = await self._load(task_id, trashed=True)
        if task.deleted_at is None:
            return task
        group = list(
            await self._db.scalars(subtree(task.user_id, task.id, deletion_id=task.deletion_id))
        )
        if task.parent_id is not None and await self._live_task(task.parent_id) is None:
            task.parent_id = None
        for member in group:
            member.deleted_at, member.deletion_id = None, None
        await self._save("updated", group)
        return task

    # Helpers ---------------------------------------------------------------------------

    async def _load(self, task_id: int, *, trashed: bool = False) -> Task:
        """The user's task, or 404. In the trash only when ``trashed`` (and not expired)."""
        task = await self._db.scalar(
            select(Task).where(Task.id == task_id, Task.user_id == self._uow.user_id)
        )
        if task is None or (
            task.deleted_at is not None
            and (not trashed or task.deleted_at < self._uow.now() - TRASH_RETENTION)
        ):
            raise task_not_found(task_id)
        return task

    async def _live_task(self, task_id: int) -> Task | None:
        return await self._db.scalar(
            select(Task).where(
                Task.id == task_id, Task.user_id == self._uow.user_id, Task.deleted_at.is_(None)
            )
        )

    async def _move_target(self, task: Task, target_id: int, *, field: str) -> Task:
        target = await self._live_task(target_id)
        if target is None:
            raise ValidationFailed.field(field, f"no task #{target_id} was found among your tasks")
        if target is task:
            raise ValidationFailed.field(field, "is the task being moved; name another task")
        if target.completed_at is not None or target.project_id != task.project_id:
            raise ValidationFailed.field(
                field, f"task #{target_id} is not an open task of the same project or inbox"
            )
        return target

    async def _renumber(self, task: Task, *, next_to: Task, after: bool) -> None:
        """Spreads the list out again, with the task put right after (or before) ``next_to``."""
        ordered = [
            row
            for row in await self._db.scalars(in_order(task.user_id, task.project_id))
            if row is not task
        ]
        ordered.insert(ordered.index(next_to) + (1 if after else 0), task)
        await self._save("updated", renumbered(ordered))

    async def _end_of_list(self, project_id: int | None) -> int:
        """After the tasks already in the list: a task moving in is not written yet."""
        with self._db.no_autoflush:
            last = await self._db.scalar(last_position(self._uow.user_id, project_id))
        return (last or 0) + POSITION_STEP

    async def _apply(self, task: Task, fields: TaskFields) -> None:
        if fields.title is not UNSET:
            task.title = fields.title
        if fields.description is not UNSET:
            task.description = fields.description
        if fields.priority is not UNSET:
            task.priority = fields.priority
        if fields.labels is not UNSET:
            _set_labels(task, fields.labels)
        if fields.project_id is not UNSET:
            await self._set_project(task, fields.project_id)
        if fields.parent_id is not UNSET:
            await self._set_parent(task, fields.parent_id)
        self._schedule(task, fields)

    async def _set_project(self, task: Task, project_id: int | None) -> None:
        if project_id == task.project_id:
            return
        if project_id is not None and await self._projects.find(project_id) is None:
            raise ValidationFailed.field(
                "project_id", f"no project #{project_id} was found among your projects"
            )
        task.project_id, task.trashed_project_id = project_id, None

    async def _set_parent(self, task: Task, parent_id: int | None) -> None:
        if parent_id == task.parent_id:
            return
        if parent_id is not None:
            if await self._live_task(parent_id) is None:
                raise ValidationFailed.field(
                    "parent_id", f"no task #{parent_id} was found among your tasks"
                )
            if task.id is not None and await self._db.scalar(
                select(is_ancestor_or_self(self._uow.user_id, task.id, of=parent_id))
            ):
                raise ValidationFailed.field(
                    "parent_id",
                    f"task #{parent_id} is this task or one of its subtasks, "
                    "so it cannot become its parent",
                )
        task.parent_id = parent_id

    def _schedule(self, task: Task, fields: TaskFields) -> None:
        """The due date and the recurrence, from their structured or natural-language form."""
        due = fields.due
        if fields.due_text is not UNSET:
            if due is not UNSET:
                raise ValidationFailed.field("due_text", "send either due or due_text, not both")
            due = self._parse_due(fields.due_text) if fields.due_text is not None else None
        recurrence = fields.recurrence
        if fields.recurrence_text is not UNSET:
            if recurrence is not UNSET:
                raise ValidationFailed.field(
                    "recurrence_text", "send either recurrence or recurrence_text, not both"
                )
            recurrence = None
            if fields.recurrence_text is not None:
                match = self._parse_recurrence(fields.recurrence_text)
                recurrence = match.recurrence
                due = match.first if due is UNSET else due
        if recurrence is UNSET and isinstance(due, Due) and task.rrule is not None:
            current = Recurrence(rrule=task.rrule, text=task.recurrence_text or "")
            due, recurrence = rescheduled(current, current=_due_of(task), new=due)
        if recurrence is not UNSET:
            task.rrule = recurrence.rrule if recurrence else None
            task.recurrence_text = recurrence.text if recurrence else None
        if due is not UNSET:
            _set_due(task, due)

    def _parse_due(self, text: str) -> Due:
        due = parse_due(text, now=self._uow.local_now())
        if due is None:
            raise ValidationFailed.field(
                "due_text",
                f"{text!r} is not a date we understand; try e.g. 'tomorrow 5pm' or 'next friday'",
            )
        return due

    def _parse_recurrence(self, text: str) -> RecurrenceMatch:
        match = parse_recurrence(text, now=self._uow.local_now())
        if match is None:
            raise ValidationFailed.field(
                "recurrence_text",
                f"{text!r} is not a repetition we understand; "
                "try e.g. 'every monday' or 'every 2 weeks'",
            )
        return match

    async def _save_if_changed(self, task: Task) -> Task:
        if self._db.is_modified(task):
            await self._save("updated", [task])
        return task

    async def _save(self, action: EventAction, tasks: Sequence[Task]) -> None:
        """Moves their reminders, stamps, flushes, records one event per task and commits."""
        follow_tasks(self._uow, tasks)
        now = self._uow.now()
        for task in tasks:
            task.updated_at = now
        await self._db.flush()
        for task in tasks:
            self._uow.record_change("task", action, task_json(task))
        await self._uow.commit()
