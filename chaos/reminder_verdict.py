"""The verdict of the reminders phase, from what the database holds and what the clients
heard: per group of reminders, how many fired and how late, none lost (due, never fired),
none fired twice in the app (two notifications for one occurrence), and how many
``reminder`` frames each user's client got per notification.

Every reminder of the phase is absolute, so each has exactly one occurrence: its ``due``."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import datetime, timedelta

MISSED_AFTER = timedelta(hours=24)  # the scheduler's: later than this is missed, not fired


@dataclass(frozen=True, kw_only=True)
class Occurrence:
    reminder_id: int
    user_id: str
    group: str
    due: datetime


@dataclass(frozen=True, kw_only=True)
class Fired:
    """A notification row."""

    notification_id: str
    reminder_id: int
    fired_at: datetime
    missed: bool


@dataclass(kw_only=True)
class GroupVerdict:
    group: str
    reminders: int = 0
    fired: int = 0
    missed: int = 0  # recorded as missed (more than a day late), as they should be
    late_seconds: list[float] = field(default_factory=list)
    lost: int = 0
    duplicated: int = 0  # notifications beyond the first for one occurrence
    misjudged: int = 0  # fired though over a day late, or missed though not
    frames: int = 0  # fired reminders whose client got their frame
    unheard: int = 0  # fired reminders whose client got no frame (it was reconnecting)
    duplicate_frames: int = 0  # frames beyond the first for one notification
    buzzed_missed: int = 0  # frames for missed notifications, which must send none

    @property
    def passed(self) -> bool:
        failures = (self.lost, self.duplicated, self.misjudged)
        return sum(failures) + self.duplicate_frames + self.buzzed_missed == 0

    def late_quantile(self, fraction: float) -> float | None:
        """Seconds of lateness at ``fraction`` (0.5: median); None when nothing fired."""
        if not self.late_seconds:
            return None
        if len(self.late_seconds) == 1:
            return self.late_seconds[0]
        cuts = statistics.quantiles(self.late_seconds, n=100, method="inclusive")
        return cuts[round(fraction * 100) - 1]


def judge_reminders(
    occurrences: Sequence[Occurrence],
    notifications: Sequence[Fired],
    frames: Mapping[str, Counter[str]],
) -> list[GroupVerdict]:
    """One verdict per group, in the order groups first appear. ``frames`` holds, per user,
    how many ``reminder`` frames its client got for each notification id. Call once every
    occurrence is due."""
    by_reminder: dict[int, list[Fired]] = {}
    for notification in notifications:
        by_reminder.setdefault(notification.reminder_id, []).append(notification)
    verdicts: dict[str, GroupVerdict] = {}
    for occurrence in occurrences:
        verdict = verdicts.setdefault(occurrence.group, GroupVerdict(group=occurrence.group))
        heard = frames.get(occurrence.user_id, Counter[str]())
        _count(verdict, occurrence, by_reminder.get(occurrence.reminder_id, []), heard)
    return list(verdicts.values())


def _count(
    verdict: GroupVerdict, occurrence: Occurrence, fired: list[Fired], heard: Counter[str]
) -> None:
    verdict.reminders += 1
    if not fired:
        verdict.lost += 1
        return
    verdict.duplicated += len(fired) - 1
    first = min(fired, key=lambda each: each.fired_at)
    late = first.fired_at - occurrence.due
    if first.missed != (late > MISSED_AFTER):
        verdict.misjudged += 1
    if first.missed:
        verdict.missed += 1
    else:
        verdict.fired += 1
        verdict.late_seconds.append(max(late.total_seconds(), 0.0))
    for each in fired:
        received = heard[each.notification_id]
        if each.missed:
            verdict.buzzed_missed += received
        elif received:
            verdict.frames += 1
            verdict.duplicate_frames += received - 1
        else:
            verdict.unheard += 1


def total(verdicts: Sequence[GroupVerdict]) -> GroupVerdict:
    """Every group's counts together."""
    whole = GroupVerdict(group="all")
    for each in verdicts:
        for counted in fields(GroupVerdict):
            if counted.name != "group":
                value = getattr(whole, counted.name) + getattr(each, counted.name)
                setattr(whole, counted.name, value)
    return whole
