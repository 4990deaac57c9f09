"""From the model's probabilities to what the assistant does.

- A change is made only when its label is the most likely one and at least ``act`` likely;
  a less certain change is not made: when a search is nearly as likely, the search is the
  reading (it changes nothing) and the change the alternative the assistant asks about;
  otherwise the request is treated as not for this assistant.
- A second task reading within ``margin`` of the first is kept as an alternative, and the
  assistant asks which one was meant.
- A request that is not for this assistant but reads as something to do (``errand``: a
  statement that starts with such a verb, "book a hotel in Paris"; or adding it is nearly
  as likely), or an addition not certain enough to make, is offered as a task instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from taskmate.assistant.understanding.labels import CHANGES, NO_ACTION, Label
from taskmate.assistant.understanding.model import Thresholds


@dataclass(frozen=True, kw_only=True, slots=True)
class Decision:
    label: Label
    confidence: float
    alternative: Label | None = None
    offer: bool = False  # with label "outside": offer to add the request as a task


def decide(probabilities: dict[Label, float], thresholds: Thresholds, *, errand: bool) -> Decision:
    ranked = sorted(probabilities.items(), key=lambda pair: pair[1], reverse=True)
    (top, likely), (second, second_likely) = ranked[0], ranked[1]
    if top in CHANGES and likely < thresholds.act:
        if second == "find" and likely - second_likely < thresholds.margin:
            return Decision(label="find", confidence=second_likely, alternative=top)
        offer = errand or top == "add"
        return Decision(label="outside", confidence=probabilities["outside"], offer=offer)
    if top == "outside":
        close_to_adding = second == "add" and likely - second_likely < thresholds.margin
        return Decision(label=top, confidence=likely, offer=errand or close_to_adding)
    if top in NO_ACTION:
        return Decision(label=top, confidence=likely)
    close = second not in NO_ACTION and likely - second_likely < thresholds.margin
    return Decision(label=top, confidence=likely, alternative=second if close else None)
