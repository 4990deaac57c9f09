"""Commands about reminders that the task readers would take for something else, read by
rules before the intent model:

- "snooze that for an hour", "snooze it 10 min", "snooze until 5pm", "snooze": the reminder
  that went off last rings again later (``SNOOZE_MINUTES`` when no length is given).
- "stop reminding me about the dentist", "delete the reminder for the dentist", "turn off
  the reminders for it": the task's reminders go, the task stays. "Delete all reminders of
  sunday" names no task: people call the tasks themselves reminders too, so deleting them
  is the reading and removing only their reminders the alternative the assistant asks about.
- "remind me 30 minutes before", "remind me an hour before the dentist", "set a reminder
  10 min before it": a reminder that long before a task is due, on the task talked about or
  the one named (which ``NewTask.known`` adds when the user has no such task).
- "remind me about it tomorrow at 9", "remind me of that": a reminder on the task talked
  about, at the moment named (else when it is due).

Other reminders are additions ("remind me to call mom at 6pm", ``adding``) and searches
("what reminders do I have?", ``finding``).
"""

from __future__ import annotations

import math
import re
from dataclasses import replace
from datetime import datetime

from taskmate.assistant.interpreter.adding import read_additions
from taskmate.assistant.interpreter.durations import find_length
from taskmate.assistant.interpreter.intents import (
    AddTasks,
    Args,
    DeleteTasks,
    Reminder,
    SnoozeReminder,
    TaskChanges,
    TaskRef,
    UpdateTasks,
)
from taskmate.assistant.interpreter.normalise import cut
from taskmate.assistant.interpreter.references import read_reference
from taskmate.assistant.interpreter.when import find_schedule

Readings = tuple[Args, Args | None]
SNOOZE_MINUTES = 10
_SNOOZE = re.compile(
    r"^(?:please )?sno{1,3}z(?:e|ee|ed)?(?: (?:it|that|this|them|me|the (?:reminder|alarm"
    r"|notification)|reminder))?(?: (?:for|by|another|again|until|till|to))*(?: (?P<rest>.+))?$",
    re.I,
)
_STOP = re.compile(
    r"^(?:stop|quit|(?:please )?(?:don'?t|do not|no longer|never)) remind(?:ing)? (?:me|us)"
    r"(?: (?:about|of|to|for|on|that))?(?: (?P<rest>.+))?$",
    re.I,
)
_OFF = re.compile(
    r"^(?:delete|remove|cancel|clear|drop|turn off|switch off|disable|mute|silence|get rid of"
    r"|no more)(?: (?P<det>the|my|all|all the|all my|any|that|this|these|those))?"
    r" (?:reminders?|alerts?|notifications?)(?: (?:for|about|on|of|from|to|set for))?"
    r"(?: (?P<rest>.+))?$",
    re.I,
)
_BEFORE = re.compile(
    r"^(?:(?:remind|ping|nudge|alert|notify|warn) (?:me|us)|(?:set|add|create|make|give me|put)"
    r"(?: (?:a|an|another|the))? (?:reminder|alert|notification)s?)"
    r"(?: (?:for|about|of))? (?P<length>.+?) (?:before|ahead of|prior to|early|earlier)"
    r"(?: (?:for|about|of))?(?: (?P<rest>.+))?$",
    re.I,
)
_ABOUT_IT = re.compile(
    r"^(?:remind|ping|nudge|alert|notify) (?:me|us) (?:again )?(?:about|of) (?:it|that|this"
    r"|them|that one|this one)(?: (?P<rest>.+))?$",
    re.I,
)
_DELETING = re.compile(r"^(?:delete|remove|cancel|clear|drop|get rid of)\b", re.I)


def _snooze(rest: str | None, now: datetime) -> SnoozeReminder:
    rest = rest or ""
    if (length := find_length(rest)) is not None:
        return SnoozeReminder(minutes=max(1, length.minutes))
    schedule = find_schedule(rest, now=now)
    if schedule is not None and schedule.due.time is not None:
        until = datetime.combine(schedule.due.date, schedule.due.time, now.tzinfo)
        return SnoozeReminder(minutes=max(1, math.ceil((until - now).total_seconds() / 60)))
    return SnoozeReminder(minutes=SNOOZE_MINUTES)


def _reminders_off(rest: str | None, *, every: bool, now: datetime) -> UpdateTasks:
    target = read_reference(rest or "", now=now, every=every)
    return UpdateTasks(target=target, changes=TaskChanges(reminder=None))


def _deleted_or_off(command: str, off: UpdateTasks) -> Readings:
    target = off.target
    named = target.title is not None or (target.when is None and target.project is None)
    if _DELETING.match(command) and target.kind == "all" and not named:
        return DeleteTasks(target=target), off
    return off, None


def _before(length: str, rest: str | None, now: datetime) -> Args | None:
    found = find_length(length)
    if found is None or cut(length, [found.span]):
        return None
    reminder = Reminder(before_minutes=found.minutes)
    rest = (rest or "").strip(" ,")
    target = read_reference(rest, now=now)  # none, "it" or "that one": the task talked about
    if target.kind in ("ids", "position", "previous"):
        return UpdateTasks(target=target, changes=TaskChanges(reminder=reminder))
    added = read_additions(f"remind me about {rest}", now=now)
    if not isinstance(added, AddTasks) or len(added.tasks) != 1:
        return None
    return AddTasks(tasks=(replace(added.tasks[0], reminder=reminder, known=True),))


def _about_it(rest: str | None, now: datetime) -> UpdateTasks:
    schedule = find_schedule(rest or "", now=now)
    reminder = Reminder(at=schedule.due if schedule else None)
    return UpdateTasks(target=TaskRef(kind="previous"), changes=TaskChanges(reminder=reminder))


def read_reminder_command(command: str, *, now: datetime) -> Readings | None:
    """The reading of a command about reminders themselves and a second one to ask about
    (or None); None for any other command."""
    if (snooze := _SNOOZE.match(command)) is not None:
        return _snooze(snooze["rest"], now), None
    if (stop := _STOP.match(command)) is not None:
        return _reminders_off(stop["rest"], every=False, now=now), None
    if (off := _OFF.match(command)) is not None:
        every = (off["det"] or "").lower().startswith("all")
        return _deleted_or_off(command, _reminders_off(off["rest"], every=every, now=now))
    if (about := _ABOUT_IT.match(command)) is not None:
        return _about_it(about["rest"], now), None
    if (before := _BEFORE.match(command)) is not None:
        reading = _before(before["length"], before["rest"], now)
        return None if reading is None else (reading, None)
    return None
