"""What the interpreter understood: one frozen value per intent, which the assistant's tools
consume, and ``to_json`` for ``taskmate parse``.

References to tasks stay unresolved here (``TaskRef``): the assistant resolves them against the
user's tasks and the list it showed last. Fields left at ``UNSET`` were not mentioned.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, is_dataclass
from datetime import date, time
from typing import ClassVar, Literal, TypeAlias, get_args

from taskmate.tasks.dates import Due
from taskmate.tasks.fields import UNSET, Maybe
from taskmate.tasks.recurrence import Recurrence

__all__ = [
    "INTENTS",
    "AddProject",
    "AddTasks",
    "Args",
    "Chat",
    "ChatTopic",
    "CompleteTasks",
    "DateRange",
    "DeleteProject",
    "DeleteTasks",
    "FindTasks",
    "Help",
    "Intent",
    "Interpretation",
    "ListProjects",
    "NewTask",
    "RefKind",
    "Reminder",
    "ReopenTasks",
    "SnoozeReminder",
    "TaskChanges",
    "TaskRef",
    "TaskStatus",
    "Undo",
    "Unknown",
    "UpdateProject",
    "UpdateTasks",
]

Intent = Literal[
    "add_tasks",
    "find_tasks",
    "update_tasks",
    "complete_tasks",
    "reopen_tasks",
    "delete_tasks",
    "add_project",
    "list_projects",
    "update_project",
    "delete_project",
    "snooze_reminder",
    "chat",
    "undo",
    "help",
    "unknown",
]
INTENTS: tuple[Intent, ...] = get_args(Intent)

Json: TypeAlias = bool | int | float | str | list["Json"] | dict[str, "Json"] | None


def _json(value: object) -> Json:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, tuple | list):
        return [_json(item) for item in value]
    if is_dataclass(value) and not isinstance(value, type):
        return {
            field.name: _json(getattr(value, field.name))
            for field in fields(value)
            if getattr(value, field.name) is not UNSET
        }
    raise TypeError(f"cannot render {type(value).__name__} as JSON")


class _Value:
    __slots__ = ()

    def to_json(self) -> dict[str, Json]:
        rendered = _json(self)
        assert isinstance(rendered, dict)
        return rendered


@dataclass(frozen=True, kw_only=True, slots=True)
class DateRange(_Value):
    """Due dates from ``start`` to ``end``, both inclusive; None leaves that side open."""

    start: date | None
    end: date | None
    text: str


@dataclass(frozen=True, kw_only=True, slots=True)
class Reminder(_Value):
    """A reminder ``before_minutes`` before the task's due date-time (0: when it is due), or
    before ``at``, a moment the command named ("remind me about it tomorrow at 9"), which
    leaves the task's own date as it is."""

    before_minutes: int = 0
    at: Due | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class NewTask(_Value):
    """A task to create. ``title`` is None when the user did not say what (the assistant asks);
    ``project`` is a name, created when it does not exist yet; priority 0 (none) to 4 (urgent).
    ``notes``: the rest of a paste too long to be a title.

    ``reminder``: asked to be reminded of it ("remind me to call mom at 6pm"). ``known``: the
    command may name a task the user already has ("remind me about the dentist tomorrow
    morning", "set a reminder for the meeting", "remind me an hour before the meeting"):
    the reminder goes on that task when one open task fits, at ``due`` when given, and a
    new task is added only otherwise. Not ``known``, the title is something to do ("remind
    me to call mom")."""

    title: str | None
    notes: str | None = None
    due: Due | None = None
    recurrence: Recurrence | None = None
    project: str | None = None
    labels: tuple[str, ...] = ()
    priority: int = 0
    reminder: Reminder | None = None
    known: bool = False


RefKind = Literal["ids", "position", "previous", "match", "all"]
TaskStatus = Literal["open", "done", "all"]


@dataclass(frozen=True, kw_only=True, slots=True)
class TaskRef(_Value):
    """Which task(s) a command is about, before resolution.

    - ``ids``: "#3", "task 3", "tasks 3 and 5".
    - ``position``: 1-based into the list the assistant showed last ("the second one",
      "number 2", "item three"); -1 is its last entry ("the last one", meaning the task
      mentioned last when no list was shown). With ``title``/``when``/``project`` it counts
      among the matching tasks in due order instead ("the first meeting today", "the next
      one" is position 1 from today on).
    - ``previous``: the task(s) the conversation is about ("it", "that one", "them").
    - ``match``: the one task whose title fits ``title`` (fuzzy words: "the dentist one" ->
      "dentist") and that is due within ``when`` and in ``project``, as far as given.
    - ``all``: every task matching ``title``/``when``/``project`` ("all my meetings
      tomorrow", "clear my schedule for today").
    """

    kind: RefKind
    ids: tuple[int, ...] = ()
    position: int | None = None
    title: str | None = None
    when: DateRange | None = None
    project: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class TaskChanges(_Value):
    """``reminder``: a ``Reminder`` adds one ("remind me 30 minutes before"), None removes the
    task's reminders ("stop reminding me about the dentist")."""

    title: Maybe[str] = UNSET
    due: Maybe[Due | None] = UNSET
    recurrence: Maybe[Recurrence | None] = UNSET
    priority: Maybe[int] = UNSET
    project: Maybe[str | None] = UNSET
    reminder: Maybe[Reminder | None] = UNSET


@dataclass(frozen=True, kw_only=True, slots=True)
class AddTasks(_Value):
    intent: ClassVar[Intent] = "add_tasks"
    tasks: tuple[NewTask, ...]


@dataclass(frozen=True, kw_only=True, slots=True)
class FindTasks(_Value):
    """``text``: words that all appear in the titles sought (plurals made singular).
    ``when``: due dates, or with status "done" the days they were completed.
    ``reminders``: the question is about reminders ("what reminders do I have?"): the
    answer lists the reminders still to come of the tasks found, in time order."""

    intent: ClassVar[Intent] = "find_tasks"
    text: str | None = None
    when: DateRange | None = None
    overdue: bool = False
    project: str | None = None
    label: str | None = None
    status: TaskStatus = "open"
    reminders: bool = False


@dataclass(frozen=True, kw_only=True, slots=True)
class UpdateTasks(_Value):
    intent: ClassVar[Intent] = "update_tasks"
    target: TaskRef
    changes: TaskChanges


@dataclass(frozen=True, kw_only=True, slots=True)
class CompleteTasks(_Value):
    intent: ClassVar[Intent] = "complete_tasks"
    target: TaskRef


@dataclass(frozen=True, kw_only=True, slots=True)
class ReopenTasks(_Value):
    intent: ClassVar[Intent] = "reopen_tasks"
    target: TaskRef


@dataclass(frozen=True, kw_only=True, slots=True)
class DeleteTasks(_Value):
    intent: ClassVar[Intent] = "delete_tasks"
    target: TaskRef


@dataclass(frozen=True, kw_only=True, slots=True)
class AddProject(_Value):
    """``name`` is None when the user did not give one (the assistant asks)."""

    intent: ClassVar[Intent] = "add_project"
    name: str | None


@dataclass(frozen=True, kw_only=True, slots=True)
class ListProjects(_Value):
    intent: ClassVar[Intent] = "list_projects"


@dataclass(frozen=True, kw_only=True, slots=True)
class UpdateProject(_Value):
    """``name`` is None for "this list" (the project the conversation is about)."""

    intent: ClassVar[Intent] = "update_project"
    name: str | None
    new_name: Maybe[str] = UNSET
    color: Maybe[str] = UNSET  # #rrggbb
    archived: Maybe[bool] = UNSET


@dataclass(frozen=True, kw_only=True, slots=True)
class DeleteProject(_Value):
    """``name`` is None for "this list" (the project the conversation is about)."""

    intent: ClassVar[Intent] = "delete_project"
    name: str | None


@dataclass(frozen=True, kw_only=True, slots=True)
class SnoozeReminder(_Value):
    """ "snooze that for an hour": the latest reminder that went off rings again in
    ``minutes``."""

    intent: ClassVar[Intent] = "snooze_reminder"
    minutes: int


ChatTopic = Literal[
    "greeting", "thanks", "farewell", "wellbeing", "identity", "praise", "ok", "other"
]


@dataclass(frozen=True, kw_only=True, slots=True)
class Chat(_Value):
    intent: ClassVar[Intent] = "chat"
    topic: ChatTopic


@dataclass(frozen=True, kw_only=True, slots=True)
class Help(_Value):
    intent: ClassVar[Intent] = "help"


@dataclass(frozen=True, kw_only=True, slots=True)
class Undo(_Value):
    """ "undo that", "oops": reverse the user's latest change that can still be undone."""

    intent: ClassVar[Intent] = "undo"


@dataclass(frozen=True, kw_only=True, slots=True)
class Unknown(_Value):
    """Nothing to do here. ``offer``: the request is for another service but reads as
    something to do ("book a hotel in Paris"): the assistant offers to add it as a task."""

    intent: ClassVar[Intent] = "unknown"
    offer: NewTask | None = None


Args: TypeAlias = (
    AddTasks
    | FindTasks
    | UpdateTasks
    | CompleteTasks
    | ReopenTasks
    | DeleteTasks
    | AddProject
    | ListProjects
    | UpdateProject
    | DeleteProject
    | SnoozeReminder
    | Chat
    | Help
    | Undo
    | Unknown
)


@dataclass(frozen=True, kw_only=True, slots=True)
class Interpretation:
    """``args`` is the reading acted on. ``alternative``, when set, is a second reading
    nearly as likely: the assistant asks which one was meant instead of acting.
    ``confidence`` is the intent model's probability for ``args``' intent (1.0 for rules)."""

    text: str
    args: Args
    alternative: Args | None = None
    confidence: float = 1.0

    @property
    def intent(self) -> Intent:
        return self.args.intent

    def to_json(self) -> dict[str, Json]:
        rendered: dict[str, Json] = {
            "text": self.text,
            "intent": self.intent,
            "args": self.args.to_json(),
            "confidence": round(self.confidence, 3),
        }
        if self.alternative is not None:
            rendered["alternative"] = {
                "intent": self.alternative.intent,
                "args": self.alternative.to_json(),
            }
        return rendered
