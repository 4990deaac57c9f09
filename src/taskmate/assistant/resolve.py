"""Which of the user's tasks a ``TaskRef`` points at: by id, by position in the last list,
"it", or by title words among their tasks (narrowed by date and list), typos and other words
for the same thing forgiven (``likeness``): "the dentist one" finds "Dentist appointment"."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from taskmate.assistant.interpreter import TaskRef
from taskmate.assistant.likeness import closest
from taskmate.assistant.memory import Recall
from taskmate.assistant.tools import TaskTools
from taskmate.tasks.listing import TaskFilters, TaskStatus

Json = dict[str, Any]
MATCH_LIMIT = 2000  # the most tasks a title is looked for among


@dataclass(frozen=True, kw_only=True, slots=True)
class Resolved:
    """The tasks found; ``problem`` says why none are, in words for the user."""

    tasks: list[Json] = field(default_factory=list)
    problem: str | None = None


class Resolver:
    def __init__(self, tools: TaskTools, *, user_id: str, memory: Recall) -> None:
        self._tools = tools
        self._user_id = user_id
        self._memory = memory

    async def resolve(self, ref: TaskRef, *, status: TaskStatus = "open") -> Resolved:
        if ref.kind == "ids":
            return await self._fresh([{"id": task_id} for task_id in ref.ids])
        if ref.kind == "previous":
            if not self._memory.touched:
                return Resolved(problem="Which task do you mean? Name it or give its #number.")
            return await self._fresh(self._memory.touched)
        filtered = ref.title is not None or ref.when is not None or ref.project is not None
        if ref.kind == "position" and not filtered:
            return await self._positioned(ref.position or 1)
        candidates = await self._matching(ref, status)
        if not candidates:
            return Resolved(problem=f"I couldn't find {_described(ref)} among your tasks.")
        if ref.kind == "position":
            return _pick(candidates, ref.position or 1)
        return Resolved(tasks=candidates)

    async def _fresh(self, tasks: list[Json]) -> Resolved:
        """The tasks as they are now: ``tasks`` may have been shown a while ago."""
        found, missing = await self._tools.live_tasks(self._user_id, [t["id"] for t in tasks])
        if missing:
            ids = ", ".join(f"#{task_id}" for task_id in missing)
            return Resolved(problem=f"I couldn't find {ids} among your tasks.")
        return Resolved(tasks=found)

    async def _positioned(self, position: int) -> Resolved:
        shown = self._memory.listed or (self._memory.touched if position == -1 else [])
        if not shown:
            return Resolved(problem="Which list do you mean? Ask me to show your tasks first.")
        picked = _pick(shown, position)
        return picked if picked.problem else await self._fresh(picked.tasks)

    async def _matching(self, ref: TaskRef, status: TaskStatus) -> list[Json]:
        filters = TaskFilters(
            status=status,
            due_after=ref.when.start if ref.when else None,
            due_before=ref.when.end if ref.when else None,
        )
        tasks = await self._tools.tasks(
            self._user_id, filters, project=ref.project, limit=MATCH_LIMIT
        )
        if ref.title is None:
            return tasks
        titles = [task["title"] for task in tasks]
        return [tasks[i] for i in closest(ref.title, titles, every=ref.kind != "match")]


def _pick(tasks: list[Json], position: int) -> Resolved:
    if position == -1 or 1 <= position <= len(tasks):
        return Resolved(tasks=[tasks[position - 1 if position > 0 else -1]])
    return Resolved(problem=f"There is no number {position}: the list has {len(tasks)}.")


def _described(ref: TaskRef) -> str:
    parts = [f"“{ref.title}”" if ref.title else "tasks"]
    if ref.when is not None:
        parts.append(ref.when.text)
    if ref.project is not None:
        parts.append(f"in “{ref.project}”")
    return " ".join(parts)
