"""The figures ``taskmate nlu evaluate`` prints: cross-validated, for the intent model as it
ships (lexical features and the cues' signals), the same model with the WordLlama sentence
embedding among its features, and the cues' own decision (the interpreter before the model,
which needs no training)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from scipy import sparse as sp

from taskmate.assistant.interpreter.signals import rule_family
from taskmate.assistant.understanding.calibration import calibrate
from taskmate.assistant.understanding.embedding import DIMENSIONS
from taskmate.assistant.understanding.evaluation import decided_labels, figures
from taskmate.assistant.understanding.labels import Label
from taskmate.assistant.understanding.sources import Example
from taskmate.assistant.understanding.training import Dataset, cross_validated, load_dataset

_HEADER = (
    "| reader | data | task requests right | unrelated left alone | unrelated read as a change |"
)


def _lines(name: str, examples: list[Example], decided: list[Label]) -> Iterator[str]:
    for found in figures(examples, decided):
        yield (
            f"| {name} | {found.source} ({found.tasks} + {found.unrelated}) "
            f"| {found.tasks_right:.1%} | {found.unrelated_left_alone:.1%} "
            f"| {found.unrelated_changed:.2%} |"
        )


def _lexical(data: Dataset) -> Dataset:
    features = sp.csr_matrix(data.features[:, DIMENSIONS:])
    return replace(data, features=features)


def compare(folder: Path, *, folds: int) -> Iterator[str]:
    data = load_dataset(folder, embedded=True)
    yield _HEADER
    yield "|---|---|---|---|---|"
    variants = (("model (lexical, ships)", _lexical(data)), ("with sentence embeddings", data))
    for name, variant in variants:
        probabilities = cross_validated(variant, folds)
        thresholds = calibrate(data.examples, probabilities)
        yield from _lines(
            f"{name}, {folds}-fold", data.examples, decided_labels(probabilities, thresholds)
        )
    rules: list[Label] = [rule_family(found) for found in data.signals]
    yield from _lines("cues alone", data.examples, rules)
