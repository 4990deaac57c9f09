"""Request and response bodies of reminders, and the one way to render a reminder."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field, Strict

from taskmate.api.types import Timestamp, TimestampIn

MAX_BEFORE_MINUTES = 40_320  # four weeks
MAX_SNOOZE_MINUTES = 10_080  # one week

BeforeMinutes = Annotated[int, Strict(), Field(ge=0, le=MAX_BEFORE_MINUTES)]


class ReminderCreate(BaseModel):
    """Exactly one of ``before_minutes`` (before the task's due date-time) and ``at``."""

    model_config = ConfigDict(extra="forbid")

    before_minutes: BeforeMinutes | None = None
    at: TimestampIn | None = None


class SnoozeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    minutes: Annotated[int, Strict(), Field(ge=1, le=MAX_SNOOZE_MINUTES)]


class ReminderOut(BaseModel):
    id: int
    kind: Literal["relative", "absolute"]
    before_minutes: int | None = Field(description="Relative reminders: minutes before the due")
    at: Timestamp | None = Field(description="Absolute reminders: the instant")
    next_fire_at: Timestamp | None = Field(description="When it fires next; null: nothing ahead")


class ReminderRecord(Protocol):
    """A reminder as stored: an ORM object, or the plain row the scheduler claimed."""

    @property
    def id(self) -> int: ...
    @property
    def kind(self) -> str: ...
    @property
    def before_minutes(self) -> int | None: ...
    @property
    def at(self) -> datetime | None: ...
    @property
    def next_fire_at(self) -> datetime | None: ...


def reminder_body(reminder: ReminderRecord) -> ReminderOut:
    return ReminderOut(
        id=reminder.id,
        kind="absolute" if reminder.kind == "absolute" else "relative",
        before_minutes=reminder.before_minutes,
        at=reminder.at,
        next_fire_at=reminder.next_fire_at,
    )


def reminder_json(reminder: ReminderRecord) -> dict[str, Any]:
    return reminder_body(reminder).model_dump(mode="json")


def parse_instant(value: str) -> datetime:
    """An instant as ``reminder_json`` writes it."""
    return datetime.fromisoformat(value)
