"""Due dates in commands, with their recurrence, for new tasks and changes.

The date grammar finds one phrase at a time; spoken commands often split the day from the
time ("next saturday go to the library at five o'clock"), so a second phrase with only a time
of day is joined to a first one with only a day when the two read as one phrase.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from taskmate.tasks.dates import Due, DueMatch, find_due
from taskmate.tasks.dates_tokens import BARRIER, clock_only
from taskmate.tasks.recurrence import Recurrence, RecurrenceMatch, find_recurrence

Span = tuple[int, int]

_CONNECTORS = re.compile(r"(?:\b(?:at|on|by|due|for|from|in|until|till|before|the)\s+)+$", re.I)


@dataclass(frozen=True, slots=True)
class Schedule:
    due: Due
    recurrence: Recurrence | None
    spans: tuple[Span, ...]  # where the phrases are, with the connectors before them


def with_connectors(text: str, start: int, end: int) -> Span:
    connector = _CONNECTORS.search(text, 0, start)
    return (start if connector is None else connector.start()), end


def masked(text: str, span: Span) -> str:
    """``text`` with ``span`` blanked out so that no phrase reaches across it."""
    return text[: span[0]] + BARRIER * (span[1] - span[0]) + text[span[1] :]


def _other_phrase(text: str, span: Span, now: datetime) -> DueMatch | None:
    """Another date phrase in ``text``, outside ``span``."""
    return find_due(masked(text, span), now=now)


def _whole_due(phrase: str, now: datetime) -> Due | None:
    found = find_due(phrase, now=now)
    return found.due if found is not None and found.end - found.start == len(phrase) else None


def _whole_recurrence(phrase: str, now: datetime) -> RecurrenceMatch | None:
    found = find_recurrence(phrase, now=now)
    return found if found is not None and found.end - found.start == len(phrase) else None


def _repeating(text: str, repeat: RecurrenceMatch, now: datetime) -> Schedule:
    span = (repeat.start, repeat.end)
    spans = [with_connectors(text, *span)]
    clock = _other_phrase(text, span, now) if repeat.first.time is None else None
    if clock is not None and clock_only(clock.due.text):
        joined = _whole_recurrence(f"{repeat.recurrence.text} {clock.due.text}", now)
        if joined is not None:
            repeat = joined
            spans.append(with_connectors(text, clock.start, clock.end))
    return Schedule(repeat.first, repeat.recurrence, tuple(spans))


def _dated(text: str, first: DueMatch, now: datetime) -> Schedule:
    span = (first.start, first.end)
    spans = [with_connectors(text, *span)]
    due = first.due
    second = _other_phrase(text, span, now)
    if second is not None and clock_only(first.due.text) != clock_only(second.due.text):
        day, clock = (second, first) if clock_only(first.due.text) else (first, second)
        joined = _whole_due(f"{day.due.text} {clock.due.text}", now)
        if joined is not None:
            due = joined
            spans.append(with_connectors(text, second.start, second.end))
    return Schedule(due, None, tuple(spans))


def find_schedule(text: str, *, now: datetime) -> Schedule | None:
    """The due date (and recurrence) a command gives, and where it is in ``text``."""
    if (repeat := find_recurrence(text, now=now)) is not None:
        return _repeating(text, repeat, now)
    if (first := find_due(text, now=now)) is not None:
        return _dated(text, first, now)
    return None
