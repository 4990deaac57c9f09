"""``/tasks`` and ``/projects``."""

from __future__ import annotations

import builtins
from typing import Any

from taskmate.client.models import Project, Task, TaskPage
from taskmate.client.rest import Rest


class Tasks:
    def __init__(self, rest: Rest) -> None:
        self._rest = rest

    async def page(
        self,
        *,
        status: str = "open",
        project_id: int | None = None,
        q: str | None = None,
        limit: int | None = None,
        cursor: str | None = None,
        **filters: Any,
    ) -> TaskPage:
        """One page of ``GET /tasks``; ``filters`` are the other query parameters
        (``label``, ``overdue``, ``due_before``...)."""
        params = {"status": status, "project_id": project_id, "q": q, "limit": limit}
        return await self._rest.typed(
            TaskPage, "GET", "/tasks", params=params | {"cursor": cursor} | filters
        )

    async def list(self, *, status: str = "open", **filters: Any) -> builtins.list[Task]:
        """Every task of the listing, following its cursors."""
        found: builtins.list[Task] = []
        cursor: str | None = None
        while True:
            page = await self.page(status=status, cursor=cursor, limit=200, **filters)
            found.extend(page.items)
            if page.next_cursor is None:
                return found
            cursor = page.next_cursor

    async def get(self, task_id: int) -> Task:
        return await self._rest.typed(Task, "GET", f"/tasks/{task_id}")

    async def create(self, title: str, **fields: Any) -> Task:
        """``POST /tasks``: ``fields`` are the body's other fields (``due_text``, ``labels``...)."""
        return await self._rest.typed(Task, "POST", "/tasks", body={"title": title, **fields})

    async def quick_add(self, text: str) -> Task:
        """One line read like the quick-add box: ``buy milk tomorrow 5pm #errands @shop p1``."""
        return await self._rest.typed(Task, "POST", "/tasks/quick", body={"text": text})

    async def update(self, task_id: int, **changes: Any) -> Task:
        return await self._rest.typed(Task, "PATCH", f"/tasks/{task_id}", body=changes)

    async def move(
        self, task_id: int, *, before_id: int | None = None, after_id: int | None = None
    ) -> Task:
        """``POST /tasks/{id}/move``: right before ``before_id`` or right after ``after_id``
        (exactly one), another open task of the same project or of the inbox. The answer
        carries the task's new ``position``; the neighbours keep theirs."""
        if (before_id is None) == (after_id is None):
            raise TypeError("move() takes exactly one of before_id and after_id")
        body = {"before_id": before_id} if before_id is not None else {"after_id": after_id}
        return await self._rest.typed(Task, "POST", f"/tasks/{task_id}/move", body=body)

    async def complete(self, task_id: int) -> Task:
        return await self._rest.typed(Task, "POST", f"/tasks/{task_id}/complete")

    async def reopen(self, task_id: int) -> Task:
        return await self._rest.typed(Task, "POST", f"/tasks/{task_id}/reopen")

    async def delete(self, task_id: int) -> None:
        await self._rest.call("DELETE", f"/tasks/{task_id}")

    async def restore(self, task_id: int) -> Task:
        return await self._rest.typed(Task, "POST", f"/tasks/{task_id}/restore")


class Projects:
    def __init__(self, rest: Rest) -> None:
        self._rest = rest

    async def list(self) -> list[Project]:
        body = await self._rest.call("GET", "/projects")
        return [Project.model_validate(project) for project in body["items"]]

    async def create(self, name: str, *, color: str | None = None) -> Project:
        body: dict[str, Any] = {"name": name} | ({"color": color} if color else {})
        return await self._rest.typed(Project, "POST", "/projects", body=body)

    async def update(self, project_id: int, **changes: Any) -> Project:
        return await self._rest.typed(Project, "PATCH", f"/projects/{project_id}", body=changes)

    async def delete(self, project_id: int) -> None:
        await self._rest.call("DELETE", f"/projects/{project_id}")

    async def restore(self, project_id: int) -> Project:
        return await self._rest.typed(Project, "POST", f"/projects/{project_id}/restore")
