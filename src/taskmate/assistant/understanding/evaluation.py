"""Cross-validated figures for the intent model, beside the lexical-only model and the
hand-written cues, in the shared scorer's terms: task requests read as the right family,
unrelated requests left alone, unrelated requests read as a change."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from taskmate.assistant.understanding.judging import is_task_request, right_labels
from taskmate.assistant.understanding.labels import CHANGES, LABELS, Label
from taskmate.assistant.understanding.model import Thresholds
from taskmate.assistant.understanding.policy import decide
from taskmate.assistant.understanding.sources import Example

SOURCES = ("clinc", "slurp", "commands")


@dataclass(frozen=True, kw_only=True, slots=True)
class Figures:
    source: str
    tasks_right: float
    unrelated_left_alone: float
    unrelated_changed: float
    tasks: int
    unrelated: int


def decided_labels(probabilities: npt.NDArray[np.float64], thresholds: Thresholds) -> list[Label]:
    """The label the policy acts on for each row of probabilities."""
    return [
        decide(dict(zip(LABELS, row.tolist(), strict=True)), thresholds, errand=False).label
        for row in probabilities
    ]


def _share(hits: Sequence[bool]) -> float:
    return float(np.mean(hits)) if hits else 0.0


def figures(examples: Sequence[Example], decided: Sequence[Label]) -> list[Figures]:
    found = []
    for source in SOURCES:
        pairs = [
            (e, label) for e, label in zip(examples, decided, strict=True) if e.source == source
        ]
        tasks = [pair for pair in pairs if is_task_request(pair[0])]
        unrelated = [pair for pair in pairs if not is_task_request(pair[0])]
        if not pairs:
            continue
        found.append(
            Figures(
                source=source,
                tasks_right=_share([label in right_labels(e) for e, label in tasks]),
                unrelated_left_alone=_share([label in right_labels(e) for e, label in unrelated]),
                unrelated_changed=_share([label in CHANGES for _, label in unrelated]),
                tasks=len(tasks),
                unrelated=len(unrelated),
            )
        )
    return found
