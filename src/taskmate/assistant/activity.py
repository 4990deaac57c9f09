"""A task's activity: the changes the assistant's tool calls made to it, newest first, each
in words, with its conversation and whether the caller can still undo it.

The calls are found by the subjects the assistant names when a call finishes
(``assistant.touched``), in the conversations the user takes part in and has not deleted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from taskmate.assistant.touched import ACTIONS, task_subject
from taskmate.assistant.undo import UNDO_HANDLERS
from taskmate.assistant.wording.activity import activity_words
from taskmate.assistant.wording.phrases import Wording
from taskmate.chat.actions import undo_refusal
from taskmate.chat.subjects import SubjectCall, calls_about
from taskmate.tasks.service import TaskService
from taskmate.tasks.unit_of_work import UnitOfWork


@dataclass(frozen=True, kw_only=True, slots=True)
class ActivityEntry:
    item_id: str
    conversation_id: str
    conversation_title: str | None
    tool: str
    action: str
    text: str
    at: datetime
    undo_until: datetime | None
    undone_at: datetime | None
    can_undo: bool


@dataclass(frozen=True, kw_only=True, slots=True)
class ActivityPage:
    entries: list[ActivityEntry]
    has_more: bool


def _instant(value: object) -> datetime | None:
    return datetime.fromisoformat(value) if isinstance(value, str) else None


class TaskActivity:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def of_task(self, task_id: int, *, limit: int) -> ActivityPage:
        """Raises ``NotFound`` for a task that is not the user's (or is gone)."""
        await TaskService(self._uow).get(task_id)
        found = await calls_about(
            self._uow.session, task_subject(task_id), user_id=self._uow.user_id, limit=limit
        )
        words = Wording(now=self._uow.local_now(), style=self._uow.date_style)
        entries = [self._entry(words, call, task_id) for call in found.calls]
        return ActivityPage(entries=entries, has_more=found.has_more)

    def _entry(self, words: Wording, call: SubjectCall, task_id: int) -> ActivityEntry:
        item, data = call.item, call.item.data
        name = str(data.get("name", ""))
        result = data.get("result")
        undone_at = _instant(data.get("undone_at"))
        can_undo = (
            undone_at is None
            and call.requested_by == self._uow.user_id
            and call.conversation.status == "active"
            and undo_refusal(item, UNDO_HANDLERS, self._uow.now()) is None
        )
        return ActivityEntry(
            item_id=item.id,
            conversation_id=call.conversation.id,
            conversation_title=call.conversation.title,
            tool=name,
            action=ACTIONS.get(name, "changed"),
            text=activity_words(words, name, result if isinstance(result, dict) else {}, task_id),
            at=item.created_at,
            undo_until=_instant(data.get("undo_until")),
            undone_at=undone_at,
            can_undo=can_undo,
        )
