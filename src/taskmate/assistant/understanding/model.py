"""The intent model at run time: a linear head over the features, read from ``intent.npz``
beside this module (built by ``taskmate nlu train``), with numpy only.

The file holds whether the dense features include the sentence embedding, the weights of
the dense and sparse features (the sparse ones as float16:
they are many and small), the bias, the class order and the policy's thresholds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

from taskmate.assistant.understanding.embedding import embed
from taskmate.assistant.understanding.features import SPARSE_SIZE, dense, model_text, sparse
from taskmate.assistant.understanding.labels import LABELS, Label

MODEL_FILE = Path(__file__).with_name("intent.npz")
Floats = npt.NDArray[np.float32]


@dataclass(frozen=True, kw_only=True, slots=True)
class Thresholds:
    """``act``: the least probability to act on a change; ``margin``: a second task reading
    within this of the first is asked about."""

    act: float
    margin: float


@dataclass(frozen=True, kw_only=True, slots=True)
class IntentModel:
    embedded: bool  # whether the dense features start with the sentence embedding
    dense_weights: Floats  # ((embedding dimensions +) signals, classes)
    sparse_weights: Floats  # (SPARSE_SIZE, classes)
    bias: Floats  # (classes,)
    thresholds: Thresholds

    def probabilities(self, command: str, signals: Sequence[float]) -> dict[Label, float]:
        """The probability of each label for one message: its command (fillers removed)
        and the rules' signals (``Signals.values``)."""
        text = model_text(command)
        features = sparse(text)
        logits = (
            dense([text], [signals], embedded=self.embedded)[0] @ self.dense_weights
            + features.values @ self.sparse_weights[features.indices]
            + self.bias
        )
        exp = np.exp(logits - logits.max())
        return dict(zip(LABELS, (exp / exp.sum()).tolist(), strict=True))

    def save(self, path: Path) -> None:
        with path.open("wb") as out:
            np.savez_compressed(
                out,
                labels=np.asarray(LABELS),
                embedded=np.asarray(self.embedded),
                dense_weights=self.dense_weights.astype(np.float32),
                sparse_weights=self.sparse_weights.astype(np.float16),
                bias=self.bias.astype(np.float32),
                thresholds=np.asarray(
                    [self.thresholds.act, self.thresholds.margin],
                    dtype=np.float32,
                ),
            )


def read_model(path: Path) -> IntentModel:
    with np.load(path) as stored:
        if tuple(stored["labels"].tolist()) != LABELS:
            raise ValueError(f"{path} was trained for other labels: run `taskmate nlu train`")
        act, margin = stored["thresholds"].tolist()
        model = IntentModel(
            embedded=bool(stored["embedded"]),
            dense_weights=stored["dense_weights"].astype(np.float32),
            sparse_weights=stored["sparse_weights"].astype(np.float32),
            bias=stored["bias"].astype(np.float32),
            thresholds=Thresholds(act=act, margin=margin),
        )
    if model.sparse_weights.shape[0] != SPARSE_SIZE:
        raise ValueError(f"{path} was trained for other features: run `taskmate nlu train`")
    return model


@cache
def intent_model() -> IntentModel:
    """The shipped model, read once per process."""
    return read_model(MODEL_FILE)


def warm_up() -> None:
    """Loads the model and the embeddings now (about half a second), not on the first
    message someone sends."""
    intent_model()
    embed(["warm up"])
