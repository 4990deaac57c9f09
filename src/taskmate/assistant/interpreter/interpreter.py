"""The offline interpreter: text in, one intent with its arguments out, deterministically.

1. ``normalise``: one form for typed and spoken text, fillers ("olly", "please") removed.
2. ``conversation``: greetings, thanks and requests for help end here.
3. A date phrase in front ("tomorrow remind me to ...") moves to the end, behind the command.
4. ``cues``: weighted patterns score each family of intents. A date phrase in a statement
   counts for adding (quick add: "buy milk tomorrow 5pm"); a question never adds. The best
   family must reach its threshold, and requests for other assistants win ties, so
   unrelated requests ("what's the weather", "play some jazz") are left alone.
5. The family's reader builds the arguments (and picks tasks or lists: "delete the shopping
   list" removes a project).
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Protocol

from taskmate.assistant.interpreter.adding import read_additions
from taskmate.assistant.interpreter.changes import read_update
from taskmate.assistant.interpreter.conversation import conversational
from taskmate.assistant.interpreter.cues import Family, score
from taskmate.assistant.interpreter.finding import read_search
from taskmate.assistant.interpreter.intents import Args, Interpretation, Unknown
from taskmate.assistant.interpreter.normalise import clean, cut, strip_fillers
from taskmate.assistant.interpreter.targets import read_completion, read_removal, read_reopening
from taskmate.assistant.interpreter.when import Schedule, find_schedule

_QUESTION = re.compile(
    r"^(?:what|what's|whats|which|when|when's|where|who|whose|why|how|is|are|am|do|does|did"
    r"|have|has|will|would|was|were|can|could|should|shall|may|any|anything"
    r"|remind me (?:what|when|where|which|how|if|whether))\b"
)
_MARKERS = re.compile(r"(?<!\S)(?:#[\w-]*[^\W\d][\w-]*|@[\w-]+|[pP][1-4])(?=$|\s)")
_MOVED_TO = re.compile(r"^(?P<target>.+?) (?:to|until|till) (?P<when>.+)$", re.I)
# Ties go to the earlier family: other assistants' requests first, adding and finding last.
_ORDER: tuple[Family, ...] = (
    "outside",
    "reopen",
    "complete",
    "update",
    "delete",
    "add",
    "find",
)
_THRESHOLD: dict[Family, float] = {"find": 3.0}
_DEFAULT_THRESHOLD = 2.5


class _Reader(Protocol):
    def __call__(self, command: str, *, now: datetime) -> Args: ...


_READERS: dict[Family, _Reader] = {
    "add": read_additions,
    "find": read_search,
    "update": read_update,
    "complete": read_completion,
    "reopen": read_reopening,
    "delete": read_removal,
}


def _date_last(command: str, schedule: Schedule | None) -> str:
    """ "tomorrow remind me to call mom" -> "remind me to call mom tomorrow"."""
    if schedule is None:
        return command
    start, end = schedule.spans[0]
    rest = cut(command, [(start, end)])
    if start > 0 or not rest:
        return command
    return f"{rest} {command[start:end]}"


def _moved_to_date(command: str, now: datetime) -> bool:
    """ "dentist to friday": a task and nothing but its new date."""
    match = _MOVED_TO.match(command)
    if match is None:
        return False
    found = find_schedule(match["when"], now=now)
    if found is None:
        return False
    return (
        min(start for start, _ in found.spans) == 0
        and max(end for _, end in found.spans) >= len(match["when"]) - 1
    )


def _family(command: str, *, asked: bool, dated: bool, now: datetime) -> Family:
    low = command.lower()
    scores = score(low)
    question = asked or _QUESTION.match(low) is not None
    if question:
        scores["add"] -= 2
    elif dated:
        scores["add"] += 2.5
    if _MARKERS.search(command):
        scores["add"] += 2
    if dated and _moved_to_date(command, now):
        scores["update"] += 2.5
    best = max(_ORDER, key=lambda family: scores[family])
    if best != "outside" and scores[best] < _THRESHOLD.get(best, _DEFAULT_THRESHOLD):
        return "outside"
    return best


def interpret(text: str, *, now: datetime) -> Interpretation:
    """What ``text`` asks for; dates are read relative to ``now`` (aware, in the user's zone)."""
    core = strip_fillers(clean(text))
    chat = conversational(core.text.lower(), greeted=core.greeted)
    if chat is not None:
        return Interpretation(text=text, args=chat)
    schedule = find_schedule(core.text, now=now)
    command = _date_last(core.text, schedule)
    asked = text.rstrip().endswith("?")
    family = _family(command, asked=asked, dated=schedule is not None, now=now)
    if family == "outside":
        return Interpretation(text=text, args=Unknown())
    return Interpretation(text=text, args=_READERS[family](command, now=now))
