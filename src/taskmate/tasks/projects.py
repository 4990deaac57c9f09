"""Projects: names unique per user (ignoring case), soft delete that moves tasks to the inbox."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from taskmate.errors import Conflict, NotFound
from taskmate.tasks.fields import UNSET, ProjectFields
from taskmate.tasks.models import Project, Task
from taskmate.tasks.schemas import project_json, task_json
from taskmate.tasks.unit_of_work import UnitOfWork

NAME_KEY_LENGTH = 120


def name_key(name: str) -> str:
    """What project names are compared by: casefolded (cut to the column's width, as
    casefolding can lengthen a name: "ß" becomes "ss")."""
    return name.casefold()[:NAME_KEY_LENGTH]


def project_not_found(reference: object) -> NotFound:
    return NotFound(f"No project #{reference} was found among your projects.")


def _name_taken(name: str) -> Conflict:
    return Conflict(
        f"You already have a project called {name!r}; choose another name.",
        details={"fields": [{"field": "name", "message": "is already taken by another project"}]},
    )


class ProjectService:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow
        self._db = uow.session

    async def listing(self) -> list[Project]:
        """The live projects (archived ones included), by name ignoring case.

        Sorted here rather than in SQL, so the order does not depend on the database's
        collation: by casefolded name, code point by code point.
        """
        rows = await self._db.scalars(
            select(Project).where(
                Project.user_id == self._uow.user_id, Project.deleted_at.is_(None)
            )
        )
        return sorted(rows, key=lambda project: (project.name_key, project.id))

    async def all_projects(self) -> list[Project]:
        """Every project, deleted ones too, by id (for the export)."""
        rows = await self._db.scalars(
            select(Project).where(Project.user_id == self._uow.user_id).order_by(Project.id)
        )
        return list(rows)

    async def find(self, project_id: int) -> Project | None:
        """The user's live project with this id, if there is one."""
        return await self._db.scalar(
            select(Project).where(
                Project.id == project_id,
                Project.user_id == self._uow.user_id,
                Project.deleted_at.is_(None),
            )
        )

    async def create(self, *, name: str, color: str | None = None) -> Project:
        project = await self._add(name, color)
        await self._uow.commit()
        return project

    async def named(self, name: str) -> Project:
        """The live project with this name (ignoring case), created if missing.

        Joins the caller's transaction: the caller commits.
        """
        found = await self._db.scalar(
            select(Project).where(
                Project.user_id == self._uow.user_id,
                Project.name_key == name_key(name),
                Project.deleted_at.is_(None),
            )
        )
        return found or await self._add(name, None)

    async def update(self, project_id: int, fields: ProjectFields) -> Project:
        project = await self._live(project_id)
        if fields.name is not UNSET and fields.name != project.name:
            await self._check_name_free(fields.name, project.id)
            project.name, project.name_key = fields.name, name_key(fields.name)
        if fields.color is not UNSET:
            project.color = fields.color
        if fields.archived is not UNSET:
            project.archived = fields.archived
        if self._db.is_modified(project):
            project.updated_at = self._uow.now()
            await self._flush_names()
            self._uow.record_change("project", "updated", project_json(project))
            await self._uow.commit()
        return project

    async def delete(self, project_id: int) -> None:
        """Soft delete; its tasks move to the inbox and remember where they came from."""
        project = await self._live(project_id)
        now = self._uow.now()
        project.deleted_at = project.updated_at = now
        self._uow.record_change("project", "deleted", project_json(project))
        moved = await self._db.scalars(
            select(Task)
            .where(Task.user_id == self._uow.user_id, Task.project_id == project.id)
            .order_by(Task.id)
        )
        for task in moved:
            task.project_id, task.trashed_project_id, task.updated_at = None, project.id, now
            self._uow.record_change("task", "updated", task_json(task))
        await self._uow.commit()

    async def restore(self, project_id: int) -> Project:
        """Undoes a delete: its tasks still in the inbox move back. Restoring a live project
        changes nothing."""
        project = await self._db.scalar(
            select(Project).where(Project.id == project_id, Project.user_id == self._uow.user_id)
        )
        if project is None:
            raise project_not_found(project_id)
        if project.deleted_at is None:
            return project
        await self._check_name_free(project.name, project.id)
        now = self._uow.now()
        project.deleted_at, project.updated_at = None, now
        await self._flush_names()
        self._uow.record_change("project", "updated", project_json(project))
        returning = await self._db.scalars(
            select(Task)
            .where(
                Task.user_id == self._uow.user_id,
                Task.trashed_project_id == project.id,
                Task.project_id.is_(None),
            )
            .order_by(Task.id)
        )
        for task in returning:
            task.project_id, task.trashed_project_id, task.updated_at = project.id, None, now
            self._uow.record_change("task", "updated", task_json(task))
        await self._uow.commit()
        return project

    async def _live(self, project_id: int) -> Project:
        project = await self.find(project_id)
        if project is None:
            raise project_not_found(project_id)
        return project

    async def _add(self, name: str, color: str | None) -> Project:
        await self._check_name_free(name, None)
        now = self._uow.now()
        project = Project(
            user_id=self._uow.user_id,
            name=name,
            name_key=name_key(name),
            color=color,
            archived=False,
            created_at=now,
            updated_at=now,
        )
        self._db.add(project)
        await self._flush_names()
        self._uow.record_change("project", "created", project_json(project))
        return project

    async def _check_name_free(self, name: str, project_id: int | None) -> None:
        taken = await self._db.scalar(
            select(Project.id).where(
                Project.user_id == self._uow.user_id,
                Project.name_key == name_key(name),
                Project.deleted_at.is_(None),
                Project.id != (project_id or 0),
            )
        )
        if taken is not None:
            raise _name_taken(name)

    async def _flush_names(self) -> None:
        """Flush; a name taken by a concurrent request (the unique index) is a 409 too."""
        try:
            await self._db.flush()
        except IntegrityError:
            await self._uow.rollback()
            raise Conflict(
                "Another project with this name was saved at the same moment; try again.",
                details={"fields": [{"field": "name", "message": "is already taken"}]},
            ) from None
