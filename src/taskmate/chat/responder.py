"""What the engine asks of whoever answers messages (the assistant, for Taskmate).

The generation runner calls ``responder.respond(turn)`` once per generation and iterates the
outputs it yields, turning each into items of the conversation's log:

- ``TextDelta``: text of the answer; the engine streams it (coalesced deltas), checkpoints
  it and writes the whole message once when the generation completes.
- ``Step`` / ``StepDone``: a visible thinking step (``step`` item, ``running`` until done).
- ``ToolCallStarted`` / ``ToolCallFinished``: a ``tool_call`` item; the engine measures
  ``duration_ms``.
- ``Choice``: a question with buttons (``choice`` item, ``pending``). Right after yielding it,
  the responder awaits ``turn.answers.choice()``: the option the user picked, or ``None``
  when the choice expired (the user wrote another message instead, or the generation ends).
  With ``reads``, the user may also answer by typing: their next message goes to
  ``reads(text)``, and an option id back answers the choice as if clicked (the message then
  gets no answer of its own); None expires it as before.
- ``Title``: a proposed title, set only when the conversation has none.

Ending the iteration completes the generation. Raising fails it: the message gets a short
apology and the exception is logged, never shown. A stop (or finalize) cancels the
responder where it awaits; write it so that cancellation is harmless (``async with`` for
resources).

Undo: the tool's owner registers an ``UndoHandler`` (``chat.hooks``) under the tool's name on
the app; a tool call can be undone when it finished with ``status="succeeded"``, an
``undo_until`` and such a handler. The handler receives the call's ``arguments`` and
``result`` as yielded here, so put in ``result`` what reversing the change needs (clients
see it too).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, Protocol


@dataclass(frozen=True, kw_only=True, slots=True)
class TextDelta:
    text: str


@dataclass(frozen=True, kw_only=True, slots=True)
class Step:
    """Starts a step; it runs until ``StepDone`` (or the generation ends)."""

    label: str


@dataclass(frozen=True, kw_only=True, slots=True)
class StepDone:
    """Ends the step started last that is still running."""

    status: Literal["done", "failed"] = "done"


@dataclass(frozen=True, kw_only=True, slots=True)
class ToolCallStarted:
    """``call_id`` tells concurrent calls apart; ``ToolCallFinished`` with the same one ends
    the call started last with it."""

    name: str
    arguments: Mapping[str, Any] = field(default_factory=dict)
    call_id: str = ""


@dataclass(frozen=True, kw_only=True, slots=True)
class ToolCallFinished:
    """``subjects`` names what the call touched, as the tool's owner chooses ("task:12", at
    most 100 characters each); ``chat.subjects`` finds the calls by them."""

    result: Any = None
    status: Literal["succeeded", "failed"] = "succeeded"
    undo_until: datetime | None = None
    call_id: str = ""
    subjects: Sequence[str] = ()


@dataclass(frozen=True, kw_only=True, slots=True)
class ChoiceOption:
    id: str
    label: str
    style: Literal["primary", "danger", "default"] = "default"


TypedAnswer = Callable[[str], str | None]


@dataclass(frozen=True, kw_only=True, slots=True)
class Choice:
    """A question only ``for_user_id`` may answer (default: the user the turn acts for).
    Confirmations use the option ids ``confirm`` and ``cancel``. ``reads`` maps a message
    that user types next to the option it picks, or None when it answers nothing."""

    text: str
    options: Sequence[ChoiceOption]
    for_user_id: str | None = None
    reads: TypedAnswer | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Title:
    text: str


Output = TextDelta | Step | StepDone | ToolCallStarted | ToolCallFinished | Choice | Title


@dataclass(frozen=True, kw_only=True, slots=True)
class ChoiceAnswer:
    item_id: str
    option: str | None  # None: the choice expired unanswered

    @property
    def expired(self) -> bool:
        return self.option is None


class Answers(Protocol):
    """What the engine hands back to a running responder."""

    async def choice(self) -> ChoiceAnswer:
        """Waits for the answer to the ``Choice`` this responder yielded last."""
        ...


@dataclass(frozen=True, kw_only=True, slots=True)
class HistoryMessage:
    """A message of the conversation, as a responder needs it."""

    item_id: str
    position: int
    role: Literal["user", "assistant", "system"]
    status: str
    author_id: str | None
    author_name: str | None
    content: str


@dataclass(frozen=True, kw_only=True, slots=True)
class TurnUser:
    """The user a turn acts for: tools act on their data, choices are theirs to answer."""

    user_id: str
    name: str
    timezone: str
    # How the user reads times ("12h" or "24h") and dates ("mdy", "dmy", "ymd").
    clock: str = "12h"
    date_format: str = "mdy"


EarlierMessages = Callable[[int, int], Awaitable[Sequence[HistoryMessage]]]


@dataclass(frozen=True, kw_only=True, slots=True)
class Turn:
    """One generation's question.

    ``history`` holds the messages just before ``message``, oldest first (its length is the
    runner's ``history_size``); ``earlier(before_position, limit)`` reads more, also oldest
    first. ``title`` is the conversation's current title: propose one with ``Title`` when
    it is None.
    """

    conversation_id: str
    generation_id: str
    message: HistoryMessage
    user: TurnUser
    history: Sequence[HistoryMessage]
    earlier: EarlierMessages
    title: str | None
    answers: Answers


class Responder(Protocol):
    def respond(self, turn: Turn) -> AsyncIterator[Output]:
        """An async generator of outputs; see the module's docstring."""
        ...
