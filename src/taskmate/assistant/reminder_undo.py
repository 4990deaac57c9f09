"""Taking back what the reminder tools changed: the reminders ``add_reminders`` added go, and
the ones ``delete_reminders`` removed come back as they were (an absolute one only while its
moment is still ahead). A snooze is not undone: snoozing again is how it changes."""

from __future__ import annotations

from typing import Any

from taskmate.errors import NotFound
from taskmate.reminders.schemas import parse_instant
from taskmate.reminders.service import ReminderService
from taskmate.tasks.unit_of_work import UnitOfWork

Json = dict[str, Any]


async def remove_added_reminders(uow: UnitOfWork, result: Json) -> None:
    service = ReminderService(uow)
    for added in result["reminded"]:
        try:
            await service.remove(added["task_id"], added["reminder"]["id"])
        except NotFound:
            continue  # removed since, by hand: nothing left to take back


async def restore_removed_reminders(uow: UnitOfWork, result: Json) -> None:
    service = ReminderService(uow)
    for removed in result["removed"]:
        reminder = removed["reminder"]
        if reminder["kind"] == "relative":
            await service.add_relative(removed["task_id"], reminder["before_minutes"])
        elif parse_instant(reminder["at"]) > uow.now():
            await service.add_absolute(removed["task_id"], parse_instant(reminder["at"]))
