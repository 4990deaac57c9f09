"""What the rules see in a message before anyone decides what it asks: the command brought
to one form, its date phrase, and the weighted cues of each family of intents.

The intent model takes these as features beside the text; ``rule_family`` is the decision
the hand-written cues alone would make, kept as one more feature and as the baseline that
``taskmate nlu evaluate`` measures the model against.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from taskmate.assistant.interpreter.cues import Family, score
from taskmate.assistant.interpreter.normalise import Core, clean, cut, strip_fillers
from taskmate.assistant.interpreter.when import Schedule, find_schedule

QUESTION = re.compile(
    r"^(?:what|what's|whats|which|when|when's|where|who|whose|why|how|is|are|am|do|does|did"
    r"|have|has|will|would|was|were|can|could|should|shall|may|any|anything"
    r"|remind me (?:what|when|where|which|how|if|whether))\b"
)
_MARKERS = re.compile(r"(?<!\S)(?:#[\w-]*[^\W\d][\w-]*|@[\w-]+|[pP][1-4])(?=$|\s)")
# Things people do themselves: a request for another service that starts so ("book a hotel
# in Paris", "order flowers for mom") can be a task instead.
_ERRAND = re.compile(
    r"^(?:book|reserve|buy|order|pay|call|phone|ring|email|e-mail|text|message|schedule|renew"
    r"|pick up|get|fix|repair|clean|wash|return|send|rent|hire|visit|cook|bake|plan|organi[sz]e"
    r"|apply|submit|file|sign|print|write|prepare|finish|arrange|cancel|change|transfer"
    r"|refill|mail|post|register|sign up|update|replace|install|check)\b(?= \w)"
)
_MOVED_TO = re.compile(r"^(?P<target>.+?) (?:to|until|till) (?P<when>.+)$", re.I)
# Ties go to the earlier family: other assistants' requests first, adding and finding last.
FAMILIES: tuple[Family, ...] = ("outside", "reopen", "complete", "update", "delete", "add", "find")
_THRESHOLD: dict[Family, float] = {"find": 3.0}
_CUE_SCALE = 5.0
_LONG = 120  # characters: commands are rarely longer
SIGNAL_NAMES: tuple[str, ...] = (
    *(f"cue:{family}" for family in FAMILIES),
    *(f"rule:{family}" for family in FAMILIES),
    "question",
    "dated",
    "marked",
    "moved_to_date",
    "long",
)
_DEFAULT_THRESHOLD = 2.5


@dataclass(frozen=True, kw_only=True, slots=True)
class Signals:
    core: Core  # cleaned, without fillers
    schedule: Schedule | None  # the first date phrase of the command
    command: str  # ``core.text`` with a leading date phrase moved last
    cues: dict[Family, float]  # after the adjustments below
    question: bool
    marked: bool  # quick-add markers: #project, @label, p1-p4
    moved_to_date: bool  # "dentist to friday"
    errand: bool  # a statement that starts with something a person goes and does

    def values(self) -> tuple[float, ...]:
        """The signals as numbers for the intent model, in ``SIGNAL_NAMES`` order."""
        rule = rule_family(self)
        return (
            *(self.cues[family] / _CUE_SCALE for family in FAMILIES),
            *(float(family == rule) for family in FAMILIES),
            float(self.question),
            float(self.schedule is not None),
            float(self.marked),
            float(self.moved_to_date),
            float(len(self.core.text) > _LONG),
        )


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


def signals(text: str, *, now: datetime) -> Signals:
    core = strip_fillers(clean(text))
    schedule = find_schedule(core.text, now=now)
    command = _date_last(core.text, schedule)
    low = command.lower()
    cues = score(low)
    question = text.rstrip().endswith("?") or QUESTION.match(low) is not None
    marked = _MARKERS.search(command) is not None
    moved = schedule is not None and _moved_to_date(command, now)
    if question:
        cues["add"] -= 2
    elif schedule is not None:
        cues["add"] += 2.5
    if marked:
        cues["add"] += 2
    if moved:
        cues["update"] += 2.5
    return Signals(
        core=core,
        schedule=schedule,
        command=command,
        cues=cues,
        question=question,
        marked=marked,
        moved_to_date=moved,
        errand=not question and _ERRAND.match(low) is not None,
    )


def rule_family(found: Signals) -> Family:
    """The family the cues alone choose: the best one if it reaches its threshold."""
    best = max(FAMILIES, key=lambda family: found.cues[family])
    if best != "outside" and found.cues[best] < _THRESHOLD.get(best, _DEFAULT_THRESHOLD):
        return "outside"
    return best
