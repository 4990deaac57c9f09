"""The assistant's task tools. Each acts for the user the turn acts for (never for an id taken
from its arguments), through the same services as the API: the user's channel gets the same
task events. Each call is one transaction, all or nothing: a batch that fails halfway changes
nothing, and its events go out only once the whole call has committed.

Results are JSON for the conversation log: a ``summary`` for people (in their words and time
zone, see ``assistant/wording/``), the ``tasks`` as the API renders them with the ``projects``
they are in, and what undoing needs (``previous`` snapshots, ``created_project_ids``). A search
also gives the ``total`` it found, of which it keeps the first ``LISTING_LIMIT``.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import datetime
from typing import Any

from taskmate.assistant.interpreter import FindTasks, NewTask, TaskChanges
from taskmate.assistant.likeness import closest, same_name
from taskmate.assistant.reminder_moments import reminder_entry
from taskmate.assistant.wording.phrases import Wording
from taskmate.assistant.wording.results import said
from taskmate.auth.models import User
from taskmate.db.engine import Database
from taskmate.errors import NotFound, ValidationFailed
from taskmate.events import EventPublisher
from taskmate.tasks.fields import UNSET, Maybe, ProjectFields, TaskFields
from taskmate.tasks.listing import TaskFilters
from taskmate.tasks.models import Project, Task
from taskmate.tasks.projects import ProjectService, name_key, project_not_found
from taskmate.tasks.schemas import COLOR_PATTERN, MAX_PROJECT_NAME, project_json, task_facts
from taskmate.tasks.service import TaskService, task_not_found
from taskmate.tasks.unit_of_work import HeldUnitOfWork, UnitOfWork

Json = dict[str, Any]
LISTING_LIMIT = 50
SEARCH_LIMIT = 200
Change = Callable[[TaskService, int], Awaitable[Task | None]]


def task_line(task: Json) -> str:
    """ "#12 buy milk (due 2026-12-05 17:00)": a task for the model, which acts by id (people
    see ``assistant/wording/`` phrases instead)."""
    line = f"#{task['id']} {task['title']}"
    due = task.get("due")
    if due:
        line += f" (due {due['date']}{' ' + due['time'] if due.get('time') else ''})"
    return line


def _summarised(uow: UnitOfWork, name: str, result: Json, query: FindTasks | None = None) -> Json:
    words = Wording(now=uow.local_now(), style=uow.date_style)
    return {"summary": said(words, name, result, query), **result}


async def _projects_of(projects: ProjectService, tasks: Sequence[Json]) -> list[Json]:
    """The lists these tasks are in, as the API renders them."""
    ids = sorted({task["project_id"] for task in tasks} - {None})
    return [project_json(project) for i in ids if (project := await projects.find(i))]


async def live_task(service: TaskService, task_id: int) -> Task:
    task = await service.get(task_id)
    if task.deleted_at is not None:
        raise task_not_found(task_id)
    return task


async def project_id_named(projects: ProjectService, name: str) -> int | None:
    """The user's project ``name`` stands for: the one called that (ignoring case), else the
    one name that fits it ("my grocery list" for "Groceries"); None when none or several do."""
    listed = await projects.listing()
    key = name_key(name)
    if (exact := next((p.id for p in listed if p.name_key == key), None)) is not None:
        return exact
    fitting = closest(name, [project.name for project in listed])
    return listed[fitting[0]].id if len(fitting) == 1 else None


async def _project_for(projects: ProjectService, name: str) -> Project:
    """The project to put tasks in: the user's one with the same name but for case, plural
    or a "list" ("grocery list" for "Groceries"), else the one called ``name``, created if
    missing."""
    same = [project for project in await projects.listing() if same_name(name, project.name)]
    return same[0] if len(same) == 1 else await projects.named(name)


def _checked(fields: ProjectFields) -> ProjectFields:
    """The limits the API's schema enforces, for values that come from a model."""
    if isinstance(fields.name, str):
        name = fields.name.strip()
        if not 1 <= len(name) <= MAX_PROJECT_NAME:
            raise ValidationFailed.field("name", f"must be 1 to {MAX_PROJECT_NAME} characters long")
        fields = replace(fields, name=name)
    if isinstance(fields.color, str):
        if not re.fullmatch(COLOR_PATTERN, fields.color):
            raise ValidationFailed.field("color", "must be a colour like #3b82f6, or null")
        fields = replace(fields, color=fields.color.lower())
    return fields


async def _listed(
    uow: UnitOfWork, filters: TaskFilters, project: str | None, *, limit: int = SEARCH_LIMIT
) -> list[Json]:
    if project is not None:
        project_id = await project_id_named(ProjectService(uow), project)
        if project_id is None:
            return []
        filters = replace(filters, project_id=project_id)
    page = await TaskService(uow).listing(filters, limit=limit)
    return [task_facts(task) for task in page.items]


async def _live_project(projects: ProjectService, project_id: int) -> Project:
    found = await projects.find(project_id)
    if found is None:
        raise project_not_found(project_id)
    return found


async def _changed(service: TaskService, ids: Sequence[int], change: Change) -> Json:
    previous, changed = [], []
    for task_id in ids:
        previous.append(task_facts(await live_task(service, task_id)))
        after = await change(service, task_id)
        changed.append(previous[-1] if after is None else task_facts(after))
    return {"tasks": changed, "previous": previous}


class TaskTools:
    def __init__(
        self, *, database: Database, clock: Callable[[], datetime], publisher: EventPublisher
    ) -> None:
        self._database = database
        self._clock = clock
        self._publisher = publisher

    @property
    def publisher(self) -> EventPublisher:
        """Where the tools' task events go (undo by words sends its own there too)."""
        return self._publisher

    @asynccontextmanager
    async def work(self, user_id: str, *, write: bool = True) -> AsyncIterator[UnitOfWork]:
        """The call's transaction, committed when the block ends without an error."""
        async with self._database.session(write=write) as session:
            user = await session.get(User, user_id)
            if user is None:
                raise NotFound("Your account was not found.")
            uow = HeldUnitOfWork(session, user=user, clock=self._clock, publisher=self._publisher)
            yield uow
            if write:
                await uow.commit_held()

    # Reading ---------------------------------------------------------------------------

    async def tasks(
        self,
        user_id: str,
        filters: TaskFilters,
        *,
        project: str | None,
        limit: int = SEARCH_LIMIT,
    ) -> list[Json]:
        """The user's first ``limit`` tasks in listing order; none when ``project`` names no
        project."""
        async with self.work(user_id, write=False) as uow:
            return await _listed(uow, filters, project, limit=limit)

    async def live_tasks(self, user_id: str, ids: Sequence[int]) -> tuple[list[Json], list[int]]:
        """The user's live tasks with these ids, and the ids that are not among them."""
        found, missing = [], []
        async with self.work(user_id, write=False) as uow:
            service = TaskService(uow)
            for task_id in ids:
                try:
                    found.append(task_facts(await live_task(service, task_id)))
                except NotFound:
                    missing.append(task_id)
        return found, missing

    async def find_tasks(self, user_id: str, query: FindTasks) -> Json:
        if query.project is None and query.text is not None:
            query = await self._as_list(user_id, query)
        when = query.when if query.status != "done" else None
        filters = TaskFilters(
            status=query.status,
            label=query.label,
            due_after=when.start if when else None,
            due_before=when.end if when else None,
            overdue=query.overdue,
            q=query.text,
        )
        async with self.work(user_id, write=False) as uow:
            found = await _listed(uow, filters, query.project)
            result = {"tasks": found[:LISTING_LIMIT], "total": len(found)}
            return _summarised(uow, "find_tasks", result, query)

    async def _as_list(self, user_id: str, query: FindTasks) -> FindTasks:
        """ "show my errands": words that are the name of one of the user's lists ask for
        that list's tasks."""
        text = query.text or ""
        async with self.work(user_id, write=False) as uow:
            named = [p.name for p in await ProjectService(uow).listing() if same_name(text, p.name)]
        return replace(query, project=named[0], text=None) if len(named) == 1 else query

    async def list_projects(self, user_id: str) -> Json:
        async with self.work(user_id, write=False) as uow:
            projects = [project_json(project) for project in await ProjectService(uow).listing()]
            return _summarised(uow, "list_projects", {"projects": projects})

    async def open_task_count(self, user_id: str, project_id: int) -> int:
        """How many open tasks the list has (up to ``SEARCH_LIMIT``)."""
        async with self.work(user_id, write=False) as uow:
            filters = TaskFilters(project_id=project_id)
            return len((await TaskService(uow).listing(filters, limit=SEARCH_LIMIT)).items)

    async def project_named(self, user_id: str, name: str) -> int | None:
        async with self.work(user_id, write=False) as uow:
            return await project_id_named(ProjectService(uow), name)

    # Writing ---------------------------------------------------------------------------

    async def add_tasks(self, user_id: str, new_tasks: Sequence[NewTask]) -> Json:
        """Creates the tasks, and the projects they name that do not exist yet, with the
        reminders asked for (``reminded``; ``not_reminded`` when there is no moment ahead)."""
        async with self.work(user_id) as uow:
            projects, service = ProjectService(uow), TaskService(uow)
            existing = {project.id for project in await projects.listing()}
            created, reminded, not_reminded = [], [], []
            for new in new_tasks:
                project = await _project_for(projects, new.project) if new.project else None
                fields = TaskFields(
                    title=new.title or "",
                    description=new.notes or "",
                    project_id=project.id if project else None,
                    labels=new.labels,
                    priority=new.priority,
                    due=new.due,
                    recurrence=new.recurrence,
                )
                task = await service.create(fields)
                if new.reminder is not None:
                    entry = await reminder_entry(uow, task, new.reminder, about=new.known)
                    if entry is None:
                        not_reminded.append(task.id)
                    else:
                        reminded.append(entry)
                created.append(task_facts(task))
            new_projects = {task["project_id"] for task in created} - existing - {None}
            result = {
                "tasks": created,
                "projects": await _projects_of(projects, created),
                "created_project_ids": sorted(new_projects),
            }
            if reminded or not_reminded:
                result |= {"reminded": reminded, "not_reminded": not_reminded}
            return _summarised(uow, "add_tasks", result)

    async def _each(self, user_id: str, ids: Sequence[int], name: str, change: Change) -> Json:
        async with self.work(user_id) as uow:
            return _summarised(uow, name, await _changed(TaskService(uow), ids, change))

    async def complete_tasks(self, user_id: str, ids: Sequence[int]) -> Json:
        return await self._each(user_id, ids, "complete_tasks", lambda s, i: s.complete(i))

    async def reopen_tasks(self, user_id: str, ids: Sequence[int]) -> Json:
        return await self._each(user_id, ids, "reopen_tasks", lambda s, i: s.reopen(i))

    async def delete_tasks(self, user_id: str, ids: Sequence[int]) -> Json:
        return await self._each(user_id, ids, "delete_tasks", lambda s, i: s.delete(i))

    async def update_tasks(self, user_id: str, ids: Sequence[int], changes: TaskChanges) -> Json:
        """A project named in ``changes`` is created when missing, in the same transaction
        (and removed again by undo)."""
        async with self.work(user_id) as uow:
            projects = ProjectService(uow)
            existing = {project.id for project in await projects.listing()}
            project_id: Maybe[int | None] = None if changes.project is None else UNSET
            if isinstance(changes.project, str):
                project_id = (await _project_for(projects, changes.project)).id
            fields = TaskFields(
                title=changes.title,
                due=changes.due,
                recurrence=changes.recurrence,
                priority=changes.priority,
                project_id=project_id,
            )
            result = await _changed(TaskService(uow), ids, lambda s, i: s.update(i, fields))
            result["projects"] = await _projects_of(projects, result["tasks"])
            if isinstance(project_id, int) and project_id not in existing:
                result["created_project_ids"] = [project_id]
            return _summarised(uow, "update_tasks", result)

    async def add_project(self, user_id: str, name: str) -> Json:
        async with self.work(user_id) as uow:
            project = project_json(await ProjectService(uow).create(name=name))
            return _summarised(uow, "add_project", {"projects": [project]})

    async def update_project(self, user_id: str, project_id: int, fields: ProjectFields) -> Json:
        """Renames, recolours (``#rrggbb`` or None), archives or unarchives one project."""
        fields = _checked(fields)
        async with self.work(user_id) as uow:
            projects = ProjectService(uow)
            before = project_json(await _live_project(projects, project_id))
            after = project_json(await projects.update(project_id, fields))
            return _summarised(uow, "update_project", {"projects": [after], "previous": [before]})

    async def delete_project(self, user_id: str, project_id: int) -> Json:
        async with self.work(user_id) as uow:
            projects = ProjectService(uow)
            project = project_json(await _live_project(projects, project_id))
            await projects.delete(project_id)
            return _summarised(uow, "delete_project", {"projects": [project]})
