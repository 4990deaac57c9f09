"""From pydantic-ai's run events to the engine's outputs: text deltas, a step and a tool call
item per executed tool call. Staged deletes show nothing here (the responder asks about
them); calls whose arguments failed validation never ran and show nothing either."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from pydantic_ai.messages import (
    FunctionToolCallEvent,
    FunctionToolResultEvent,
    PartDeltaEvent,
    PartStartEvent,
    TextPart,
    TextPartDelta,
)

from taskmate.assistant.confirm import UNDO_WINDOW
from taskmate.assistant.latest_undo import UNDO_STEP
from taskmate.assistant.llm.toolbox import IRREVERSIBLE, READ_ONLY, STAGING, Outcome
from taskmate.assistant.touched import touched
from taskmate.chat.responder import (
    Output,
    Step,
    StepDone,
    TextDelta,
    ToolCallFinished,
    ToolCallStarted,
)

REMINDER_STEPS = {
    "add_reminders": "Adding a reminder",
    "delete_reminders": "Removing reminders",
    "find_reminders": "Reading your reminders",
    "snooze_reminder": "Snoozing the reminder",
}
VERBS = {"update_tasks": "Updating", "complete_tasks": "Completing", "reopen_tasks": "Reopening"}


def step_label(name: str, arguments: dict[str, Any]) -> str:
    """What the assistant is doing, in words: "Adding 'Buy milk'", "Completing #4"."""
    if name == "find_tasks":
        return "Reading your tasks"
    if name == "list_projects":
        return "Reading your lists"
    if name in REMINDER_STEPS:
        return REMINDER_STEPS[name]
    if name == "undo":
        return UNDO_STEP
    if name == "add_project":
        return f"Adding the list '{arguments.get('name', '')}'"
    if name == "update_project":
        return f"Changing the list '{arguments.get('name', '')}'"
    if name == "add_tasks":
        tasks = arguments.get("tasks") or []
        if len(tasks) == 1 and isinstance(tasks[0], dict):
            return f"Adding '{tasks[0].get('title', '')}'"
        return f"Adding {len(tasks)} tasks"
    verb = VERBS.get(name)
    if verb is None:
        return f"Working on your {'lists' if 'project' in name else 'tasks'}"
    return f"{verb} " + ", ".join(f"#{task_id}" for task_id in arguments.get("ids") or [])


class EventMapper:
    """One per model turn; ``changed`` tells whether a change already went through."""

    def __init__(self, *, now: datetime, after_text: bool = False) -> None:
        """``after_text``: text was said before (an earlier attempt), so new text starts a
        paragraph."""
        self._now = now
        self._running: set[str] = set()
        self.call_order: list[str] = []  # the model's calls, in the order it made them
        self.spoke = after_text
        self._tools_since_text = after_text
        self.changed = False

    def outputs(self, event: object) -> Iterator[Output]:
        if isinstance(event, PartStartEvent) and isinstance(event.part, TextPart):
            yield from self._text(event.part.content)
        elif isinstance(event, PartDeltaEvent) and isinstance(event.delta, TextPartDelta):
            yield from self._text(event.delta.content_delta)
        elif isinstance(event, FunctionToolCallEvent):
            yield from self._called(event)
        elif isinstance(event, FunctionToolResultEvent):
            yield from self._returned(event)

    def _text(self, text: str) -> Iterator[Output]:
        if not text:
            return
        if self.spoke and self._tools_since_text:
            text = "\n\n" + text
        self.spoke, self._tools_since_text = True, False
        yield TextDelta(text=text)

    def _called(self, event: FunctionToolCallEvent) -> Iterator[Output]:
        name = event.part.tool_name
        self.call_order.append(event.tool_call_id)
        if event.args_valid is not True or name in STAGING:
            return
        arguments = event.part.args_as_dict()
        self._running.add(event.tool_call_id)
        yield Step(label=step_label(name, arguments))
        yield ToolCallStarted(name=name, arguments=arguments, call_id=event.tool_call_id)

    def _returned(self, event: FunctionToolResultEvent) -> Iterator[Output]:
        self._tools_since_text = True
        if event.tool_call_id not in self._running:
            return
        self._running.discard(event.tool_call_id)
        outcome = event.part.metadata
        if not isinstance(outcome, Outcome):  # the tool raised: a bug, already logged
            outcome = Outcome(result={"error": "The tool failed."}, failed=True)
        yield ToolCallFinished(
            result=outcome.result,
            status="failed" if outcome.failed else "succeeded",
            undo_until=self.undo_until(event.part.tool_name, outcome),
            call_id=event.tool_call_id,
            subjects=touched(event.part.tool_name, outcome.result),
        )
        yield StepDone(status="failed" if outcome.failed else "done")

    def undo_until(self, name: str, outcome: Outcome) -> datetime | None:
        if outcome.failed or name in READ_ONLY:
            return None
        self.changed = True
        return None if name in IRREVERSIBLE else self._now + UNDO_WINDOW
