"""The assistant's reminder tools, beside the task tools and in the same kind of transaction
(one per call, for the turn's user only), through ``ReminderService`` and
``NotificationService`` as the API uses them.

When a reminder rings is ``reminder_moments.remind``'s choice. Results keep what undo needs:
the reminders added, and the ones removed as they were.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from taskmate.assistant.interpreter import DateRange, Reminder
from taskmate.assistant.reminder_moments import remind
from taskmate.assistant.tools import TaskTools, live_task
from taskmate.assistant.wording.phrases import Wording
from taskmate.assistant.wording.reminders import reminder_said
from taskmate.errors import Conflict
from taskmate.reminders.models import Reminder as ReminderRow
from taskmate.reminders.notifications import NotificationService
from taskmate.reminders.schemas import reminder_json
from taskmate.reminders.service import ReminderService
from taskmate.tasks.models import Task
from taskmate.tasks.schemas import task_facts
from taskmate.tasks.service import TaskService
from taskmate.tasks.unit_of_work import UnitOfWork

Json = dict[str, Any]
LISTING_LIMIT = 50
REMINDER_TOOLS = frozenset(
    {"add_reminders", "delete_reminders", "find_reminders", "snooze_reminder"}
)


def _reminders_ahead(
    pairs: Sequence[tuple[ReminderRow, Task]], uow: UnitOfWork, when: DateRange | None
) -> list[Json]:
    found = []
    for reminder, task in pairs:
        if reminder.next_fire_at is None or task.deleted_at is not None:
            continue
        day = reminder.next_fire_at.astimezone(uow.zone).date()
        if when is not None and not (when.start or day) <= day <= (when.end or day):
            continue
        found.append({"task": task_facts(task), "reminder": reminder_json(reminder)})
    return found


def _summarised(uow: UnitOfWork, name: str, result: Json, when: DateRange | None = None) -> Json:
    words = Wording(now=uow.local_now(), style=uow.date_style)
    return {"summary": reminder_said(words, name, result, when), **result}


class ReminderTools:
    def __init__(self, tools: TaskTools) -> None:
        self._tools = tools

    async def add_reminders(self, user_id: str, ids: Sequence[int], reminder: Reminder) -> Json:
        """A reminder on each task."""
        async with self._tools.work(user_id) as uow:
            service, added = TaskService(uow), []
            for task_id in ids:
                task = await live_task(service, task_id)
                row = await remind(uow, task, reminder)
                added.append({"task_id": task.id, "reminder": reminder_json(row)})
            tasks = [task_facts(await service.get(task_id)) for task_id in ids]
            return _summarised(uow, "add_reminders", {"tasks": tasks, "reminded": added})

    async def delete_reminders(self, user_id: str, ids: Sequence[int]) -> Json:
        """Removes every reminder of these tasks; the tasks stay."""
        async with self._tools.work(user_id) as uow:
            service, reminders, removed = TaskService(uow), ReminderService(uow), []
            for task_id in ids:
                task = await live_task(service, task_id)
                for row in list(task.reminders):
                    removed.append({"task_id": task.id, "reminder": reminder_json(row)})
                    await reminders.remove(task.id, row.id)
            tasks = [task_facts(await service.get(task_id)) for task_id in ids]
            return _summarised(uow, "delete_reminders", {"tasks": tasks, "removed": removed})

    async def find_reminders(self, user_id: str, when: DateRange | None) -> Json:
        """The reminders still to ring (within ``when``, by the user's days), soonest first."""
        async with self._tools.work(user_id, write=False) as uow:
            found = _reminders_ahead(await ReminderService(uow).upcoming(), uow, when)
            result = {"reminders": found[:LISTING_LIMIT], "total": len(found)}
            return _summarised(uow, "find_reminders", result, when)

    async def snooze_reminder(self, user_id: str, minutes: int) -> Json:
        """The reminder that rang last rings again ``minutes`` from now."""
        async with self._tools.work(user_id) as uow:
            notifications = NotificationService(uow)
            latest = await notifications.latest()
            if latest is None:
                raise Conflict("No reminder has gone off yet, so there is nothing to snooze.")
            notification, task = await notifications.snooze(latest[0].id, minutes)
            until = notification.snoozed_until
            assert until is not None
            result = {"tasks": [task_facts(task)], "until": until.isoformat()}
            return _summarised(uow, "snooze_reminder", result)
