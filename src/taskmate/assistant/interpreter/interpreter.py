"""The offline interpreter: text in, one intent with its arguments out, deterministically.

1. ``signals``: one form for typed and spoken text (fillers such as "olly" and "please"
   removed, typos in command words corrected), the date phrase moved behind the command,
   and what the hand-written cues see.
2. ``conversation``: exact greetings, thanks, requests for help and "undo that" end here,
   and ``reminding`` reads commands about reminders themselves ("snooze that for an hour",
   "stop reminding me about the dentist", "remind me 30 minutes before").
3. The intent model (``understanding``) gives each family of intents a probability, and
   the policy decides: act, ask between two close readings, offer an unrelated request as
   a task, or leave it alone.
4. The family's reader builds the arguments with the rules, which are exact about dates,
   ``#ids``, quick-add markers and titles (and pick tasks or lists: "delete the shopping
   list" removes a project).
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from taskmate.assistant.interpreter.adding import read_additions
from taskmate.assistant.interpreter.changes import read_update
from taskmate.assistant.interpreter.conversation import conversational
from taskmate.assistant.interpreter.finding import read_search
from taskmate.assistant.interpreter.intents import (
    Args,
    Chat,
    Help,
    Interpretation,
    NewTask,
    Undo,
    Unknown,
)
from taskmate.assistant.interpreter.normalise import cut
from taskmate.assistant.interpreter.reminding import read_reminder_command
from taskmate.assistant.interpreter.signals import Signals, signals
from taskmate.assistant.interpreter.targets import (
    read_completion,
    read_removal,
    read_reopening,
)
from taskmate.assistant.understanding.labels import Label
from taskmate.assistant.understanding.model import intent_model
from taskmate.assistant.understanding.policy import decide


class _Reader(Protocol):
    def __call__(self, command: str, *, now: datetime) -> Args: ...


_READERS: dict[Label, _Reader] = {
    "add": read_additions,
    "find": read_search,
    "update": read_update,
    "complete": read_completion,
    "reopen": read_reopening,
    "delete": read_removal,
}


def _offer(found: Signals) -> NewTask | None:
    """The request itself as a task: "book a hotel in Paris" -> “Book a hotel in Paris”."""
    schedule = found.schedule
    title = cut(found.command, list(schedule.spans)) if schedule else found.command
    if not title:
        return None
    return NewTask(title=title[0].upper() + title[1:], due=schedule.due if schedule else None)


def _read(label: Label, found: Signals, now: datetime) -> Args:
    if label in _READERS:
        return _READERS[label](found.command, now=now)
    if label == "undo":
        return Undo()
    if label == "help":
        return Help()
    if label == "chat":
        return Chat(topic="other")
    return Unknown()


def interpret(text: str, *, now: datetime) -> Interpretation:
    """What ``text`` asks for; dates are read relative to ``now`` (aware, in the user's zone)."""
    found = signals(text, now=now)
    chat = conversational(found.core.text.lower(), greeted=found.core.greeted)
    if chat is not None:
        return Interpretation(text=text, args=chat)
    if not found.command:
        return Interpretation(text=text, args=Unknown())
    if (reminding := read_reminder_command(found.command, now=now)) is not None:
        return Interpretation(text=text, args=reminding[0], alternative=reminding[1])
    model = intent_model()
    probabilities = model.probabilities(found.command, found.values())
    decision = decide(probabilities, model.thresholds, errand=found.errand)
    if decision.label == "outside":
        args: Args = Unknown(offer=_offer(found) if decision.offer else None)
    else:
        args = _read(decision.label, found, now)
    alternative = None
    if decision.alternative is not None:
        alternative = _read(decision.alternative, found, now)
    return Interpretation(
        text=text, args=args, alternative=alternative, confidence=decision.confidence
    )
