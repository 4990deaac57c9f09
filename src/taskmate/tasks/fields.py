"""What callers hand to the task and project services: typed values, not HTTP bodies.

A field left at ``UNSET`` is not touched, so one value type serves both creating and
partial updates. ``None`` means "clear" where a field can be empty.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Literal, TypeAlias, TypeVar

from taskmate.tasks.dates import Due
from taskmate.tasks.recurrence import Recurrence

T = TypeVar("T")


class Unset(enum.Enum):
    UNSET = enum.auto()


UNSET: Final = Unset.UNSET

Maybe: TypeAlias = T | Literal[Unset.UNSET]


@dataclass(frozen=True, kw_only=True, slots=True)
class TaskFields:
    """Writable task fields.

    ``due`` and ``recurrence`` are structured (a due's ``text`` may be empty); ``due_text`` and
    ``recurrence_text`` are natural language, parsed in the user's time zone. Send at most one
    of each pair. A recurrence given as text also moves the due date to its first occurrence,
    unless a due date is part of the same change.
    """

    title: Maybe[str] = UNSET
    description: Maybe[str] = UNSET
    project_id: Maybe[int | None] = UNSET
    parent_id: Maybe[int | None] = UNSET
    labels: Maybe[Sequence[str]] = UNSET
    priority: Maybe[int] = UNSET
    due: Maybe[Due | None] = UNSET
    due_text: Maybe[str | None] = UNSET
    recurrence: Maybe[Recurrence | None] = UNSET
    recurrence_text: Maybe[str | None] = UNSET


@dataclass(frozen=True, kw_only=True, slots=True)
class ProjectFields:
    name: Maybe[str] = UNSET
    color: Maybe[str | None] = UNSET
    archived: Maybe[bool] = UNSET
