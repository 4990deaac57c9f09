"""Request and response bodies of the task and project endpoints, and the one way to render
a task or a project as JSON (used by responses and events alike)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, time
from typing import Annotated, Any, Protocol

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    Strict,
    StrictBool,
    StringConstraints,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from taskmate.api.text import Text
from taskmate.api.types import Timestamp, TimestampIn
from taskmate.chat.markdown import render_inline_markdown, render_markdown
from taskmate.reminders.schemas import ReminderOut, ReminderRecord, reminder_body
from taskmate.tasks.listing import TaskStatus
from taskmate.tasks.models import Project, Task

MAX_RECORD_ID = 2**31 - 1
MAX_TITLE = 500
MAX_LABEL = 60
MAX_LABELS = 20
MAX_PROJECT_NAME = 120
CLOCK_PATTERN = re.compile(r"^(?:[01]\d|2[0-3]):[0-5]\d$")
COLOR_PATTERN = r"^#[0-9a-fA-F]{6}$"


def _clock_time(value: object) -> object:
    if isinstance(value, time):
        return value
    if isinstance(value, str) and CLOCK_PATTERN.fullmatch(value):
        return time.fromisoformat(value)
    raise PydanticCustomError("clock_time", "should be a time of day as HH:MM, such as 17:30")


def _unique(labels: list[str]) -> list[str]:
    """Drops repeats ignoring case, keeping the first spelling (as quick add does)."""
    first: dict[str, str] = {}
    for label in labels:
        first.setdefault(label.casefold(), label)
    return list(first.values())


# Query strings carry numbers as text ("5"); bodies must send JSON integers (not true or "5").
RecordIdParam = Annotated[int, Field(ge=1, le=MAX_RECORD_ID)]
RecordId = Annotated[RecordIdParam, Strict()]
Title = Annotated[str, Text(strip=True, min_length=1, max_length=MAX_TITLE)]
Description = Annotated[str, Text(max_length=10_000)]
Label = Annotated[str, Text(strip=True, min_length=1, max_length=MAX_LABEL)]
Labels = Annotated[list[Label], Field(max_length=MAX_LABELS), AfterValidator(_unique)]
Priority = Annotated[int, Strict(), Field(ge=0, le=4, description="0 none ... 4 urgent")]
DateText = Annotated[str, Text(strip=True, min_length=1, max_length=200)]
ProjectName = Annotated[str, Text(strip=True, min_length=1, max_length=MAX_PROJECT_NAME)]
Color = Annotated[
    str, Text(max_length=7), StringConstraints(pattern=COLOR_PATTERN), AfterValidator(str.lower)
]
ClockTime = Annotated[
    time,
    BeforeValidator(_clock_time),
    PlainSerializer(lambda value: value.strftime("%H:%M"), return_type=str),
    WithJsonSchema({"type": "string", "pattern": CLOCK_PATTERN.pattern, "examples": ["17:30"]}),
]


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _refuse_null(value: Any) -> Any:
    """In a partial update, absent fields stay as they are and ``null`` clears a field; for
    fields that cannot be empty (a title), ``null`` is a mistake, not a way to clear them.
    Validators only see values that were sent, so this never rejects an absent field."""
    if value is None:
        raise PydanticCustomError("not_null", "cannot be null; leave it out to keep it as is")
    return value


# Bodies ----------------------------------------------------------------------------------


class DueIn(StrictModel):
    date: date
    time: ClockTime | None = None


class TaskCreate(StrictModel):
    title: Title
    description: Description | None = None
    project_id: RecordId | None = None
    parent_id: RecordId | None = None
    labels: Labels = Field(default_factory=list)
    priority: Priority = 0
    due: DueIn | None = None
    due_text: DateText | None = None
    recurrence_text: DateText | None = None


class TaskPatch(StrictModel):
    title: Title | None = None
    description: Description | None = None
    project_id: RecordId | None = None
    parent_id: RecordId | None = None
    labels: Labels | None = None
    priority: Priority | None = None
    due: DueIn | None = None
    due_text: DateText | None = None
    recurrence_text: DateText | None = None

    @field_validator("title", "labels", "priority")
    @classmethod
    def _not_null(cls, value: Any) -> Any:
        return _refuse_null(value)


class TaskMoveIn(StrictModel):
    """Exactly one of the two: the open task of the same list to stand before, or after."""

    before_id: RecordId | None = None
    after_id: RecordId | None = None

    @model_validator(mode="after")
    def _one_place(self) -> TaskMoveIn:
        if (self.before_id is None) == (self.after_id is None):
            raise PydanticCustomError("one_place", "send exactly one of before_id and after_id")
        return self

    def place(self) -> tuple[int, bool]:
        """The task to stand next to, and whether after it."""
        if self.after_id is not None:
            return self.after_id, True
        assert self.before_id is not None  # the validator saw exactly one
        return self.before_id, False


class QuickAddIn(StrictModel):
    text: Annotated[str, Text(strip=True, min_length=1, max_length=1000)]
    # Where the line is typed (a project's or a label's view): the project when the text
    # names none, a label besides the ones it names.
    project_id: RecordId | None = None
    label: Label | None = None


class TaskQuery(BaseModel):
    status: TaskStatus = "open"
    project_id: RecordIdParam | None = None
    parent_id: RecordIdParam | None = None
    label: Label | None = None
    due_before: date | None = None
    due_after: date | None = None
    overdue: bool = False
    q: Annotated[str, Text(strip=True, max_length=200)] | None = None
    updated_after: TimestampIn | None = None
    limit: int = Field(default=50, ge=1, le=200)
    cursor: Annotated[str, Text(max_length=1000)] | None = None


class ProjectCreate(StrictModel):
    name: ProjectName
    color: Color | None = None


class ProjectPatch(StrictModel):
    name: ProjectName | None = None
    color: Color | None = None
    archived: StrictBool | None = None

    @field_validator("name", "archived")
    @classmethod
    def _not_null(cls, value: Any) -> Any:
        return _refuse_null(value)


# Responses -------------------------------------------------------------------------------


class DueOut(BaseModel):
    date: date
    time: ClockTime | None
    text: str | None


class RecurrenceOut(BaseModel):
    rrule: str
    text: str


class TaskOut(BaseModel):
    id: int
    title: str
    title_html: str = Field(
        description="The title's inline Markdown as safe HTML, rendered as chat messages are"
    )
    description: str
    description_html: str = Field(
        description="The description's Markdown as safe HTML, rendered as chat messages are"
    )
    project_id: int | None
    parent_id: int | None
    labels: list[str]
    priority: int
    position: int = Field(
        description="Order within the task's list (its project, or the inbox), then by id"
    )
    due: DueOut | None
    recurrence: RecurrenceOut | None
    reminders: list[ReminderOut]
    completed_at: Timestamp | None
    deleted_at: Timestamp | None
    created_at: Timestamp
    updated_at: Timestamp


class TaskPageOut(BaseModel):
    items: list[TaskOut]
    next_cursor: str | None


class ProjectOut(BaseModel):
    id: int
    name: str
    color: str | None
    archived: bool
    created_at: Timestamp


class ProjectListOut(BaseModel):
    items: list[ProjectOut]


class LabelRecord(Protocol):
    @property
    def name(self) -> str: ...


class TaskRecord(Protocol):
    """A task as stored, with its labels and reminders: an ORM object, or the plain values
    the reminder scheduler reads without the ORM."""

    @property
    def id(self) -> int: ...
    @property
    def title(self) -> str: ...
    @property
    def description(self) -> str: ...
    @property
    def project_id(self) -> int | None: ...
    @property
    def parent_id(self) -> int | None: ...
    @property
    def labels(self) -> Sequence[LabelRecord]: ...
    @property
    def priority(self) -> int: ...
    @property
    def position(self) -> int: ...
    @property
    def due_date(self) -> date | None: ...
    @property
    def due_time(self) -> time | None: ...
    @property
    def due_text(self) -> str | None: ...
    @property
    def rrule(self) -> str | None: ...
    @property
    def recurrence_text(self) -> str | None: ...
    @property
    def reminders(self) -> Sequence[ReminderRecord]: ...
    @property
    def completed_at(self) -> datetime | None: ...
    @property
    def deleted_at(self) -> datetime | None: ...
    @property
    def created_at(self) -> datetime: ...
    @property
    def updated_at(self) -> datetime: ...


def task_body(task: TaskRecord) -> TaskOut:
    due = None
    if task.due_date is not None:
        due = DueOut(date=task.due_date, time=task.due_time, text=task.due_text)
    recurrence = None
    if task.rrule is not None:
        recurrence = RecurrenceOut(rrule=task.rrule, text=task.recurrence_text or "")
    return TaskOut(
        id=task.id,
        title=task.title,
        title_html=render_inline_markdown(task.title),
        description=task.description,
        description_html=render_markdown(task.description),
        project_id=task.project_id,
        parent_id=task.parent_id,
        labels=sorted(label.name for label in task.labels),
        priority=task.priority,
        position=task.position,
        due=due,
        recurrence=recurrence,
        reminders=[reminder_body(reminder) for reminder in task.reminders],
        completed_at=task.completed_at,
        deleted_at=task.deleted_at,
        created_at=task.created_at,
        updated_at=task.updated_at,
    )


def task_json(task: TaskRecord) -> dict[str, Any]:
    return task_body(task).model_dump(mode="json")


def task_facts(task: Task) -> dict[str, Any]:
    """A task as the assistant reads it: its texts once, as written, without their HTML, and
    without its place in its list, which the assistant neither shows nor changes."""
    return task_body(task).model_dump(
        mode="json", exclude={"title_html", "description_html", "position"}
    )


def project_body(project: Project) -> ProjectOut:
    return ProjectOut(
        id=project.id,
        name=project.name,
        color=project.color,
        archived=project.archived,
        created_at=project.created_at,
    )


def project_json(project: Project) -> dict[str, Any]:
    return project_body(project).model_dump(mode="json")
