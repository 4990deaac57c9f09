"""Building the intent model from the repository's data, deterministically.

Training needs scikit-learn (a development dependency); the model it writes needs only
numpy. Every message is read as the interpreter reads it (``signals`` at a fixed moment,
so that date phrases are found the same way on every run), featurised, and a multinomial
logistic regression is fitted on one thread, to the optimum. The policy's thresholds are
then chosen on cross-validated probabilities: see ``calibration``.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import numpy.typing as npt
from scipy import sparse as sp
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from threadpoolctl import threadpool_limits

from taskmate.assistant.interpreter.signals import Signals, signals
from taskmate.assistant.understanding.calibration import calibrate
from taskmate.assistant.understanding.features import SPARSE_SIZE, dense, model_text
from taskmate.assistant.understanding.features import sparse as sparse_features
from taskmate.assistant.understanding.judging import is_task_request
from taskmate.assistant.understanding.labels import LABELS
from taskmate.assistant.understanding.model import IntentModel, Thresholds
from taskmate.assistant.understanding.sources import Example, read_examples

TRAINED_AT = datetime(2026, 1, 15, 10, 0, tzinfo=UTC)
# Measured with ``taskmate nlu evaluate`` (README, "Offline assistant accuracy"): the same head
# with the WordLlama sentence embedding among its features reads fewer requests right, on
# every data set, than with the lexical features and the cues alone; so it ships without.
EMBEDDED = False
REGULARISATION = 16.0  # scikit-learn's C, chosen by 5-fold cross-validation among 4, 8 and 16
TASK_WEIGHT = 3.0
SOURCE_WEIGHT = {"slurp": 1.0}
FOLDS = 5  # for the figures of ``taskmate nlu evaluate``
CALIBRATION_FOLDS = 3  # for the thresholds of the model that ships: faster, as good
CLEANING_FOLDS = 2  # inside each fold of ``cross_validated``
NOISE_LIMIT = 0.02
SEED = 11
Matrix = sp.csr_matrix


@dataclass(frozen=True, kw_only=True, slots=True)
class Dataset:
    examples: list[Example]
    signals: list[Signals]
    features: Matrix
    labels: npt.NDArray[np.int64]

    @property
    def weights(self) -> npt.NDArray[np.float64]:
        """Task requests weigh more: they are few beside everything else."""
        return np.asarray(
            [
                (TASK_WEIGHT if is_task_request(example) else 1.0)
                * SOURCE_WEIGHT.get(example.source, 1.0)
                for example in self.examples
            ]
        )


def design_matrix(found: Sequence[Signals], *, embedded: bool) -> Matrix:
    rows, cols, values = [], [], []
    for row, one in enumerate(found):
        features = sparse_features(model_text(one.command))
        rows.append(np.full(len(features.indices), row))
        cols.append(features.indices)
        values.append(features.values)
    hashed = sp.csr_matrix(
        (np.concatenate(values), (np.concatenate(rows), np.concatenate(cols))),
        shape=(len(found), SPARSE_SIZE),
        dtype=np.float32,
    )
    texts = [model_text(one.command) for one in found]
    return sp.csr_matrix(
        sp.hstack(
            [
                sp.csr_matrix(dense(texts, [one.values() for one in found], embedded=embedded)),
                hashed,
            ]
        )
    )


def load_dataset(folder: Path, *, embedded: bool = EMBEDDED) -> Dataset:
    examples = read_examples(folder, now=TRAINED_AT)
    found = [signals(example.text, now=TRAINED_AT) for example in examples]
    index = {label: number for number, label in enumerate(LABELS)}
    return Dataset(
        examples=examples,
        signals=found,
        features=design_matrix(found, embedded=embedded),
        labels=np.asarray([index[example.label] for example in examples]),
    )


def fit(
    features: Matrix, labels: npt.NDArray[np.int64], weights: npt.NDArray[np.float64]
) -> LogisticRegression:
    """Newton's method in float64 to a tight tolerance: the fit lands on the optimum itself,
    so another CPU's rounding moves the weights by millionths. L-BFGS stopped at 1e-5 left
    them wherever its path ended, a few hundredths apart from one machine to the next."""
    head = LogisticRegression(C=REGULARISATION, solver="newton-cg", max_iter=200, tol=1e-8)
    with threadpool_limits(limits=1):
        head.fit(features.astype(np.float64), labels, sample_weight=weights)
    return head


def _model(head: LogisticRegression, thresholds: Thresholds, *, embedded: bool) -> IntentModel:
    dense_size = head.coef_.shape[1] - SPARSE_SIZE
    weights = np.zeros((dense_size + SPARSE_SIZE, len(LABELS)), dtype=np.float32)
    bias = np.full(len(LABELS), -1e4, dtype=np.float32)  # a label never seen is never chosen
    weights[:, head.classes_] = head.coef_.T
    bias[head.classes_] = head.intercept_
    return IntentModel(
        embedded=embedded,
        dense_weights=weights[:dense_size],
        sparse_weights=weights[dense_size:],
        bias=bias,
        thresholds=thresholds,
    )


def _out_of_fold(
    data: Dataset, rows: npt.NDArray[np.int64], folds: int, *, cleaned: bool = False
) -> npt.NDArray[np.float64]:
    """The label probabilities of each of ``rows`` from a model fitted on the others."""
    found = np.zeros((len(rows), len(LABELS)))
    strata = [data.examples[row].label for row in rows]
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=SEED)
    with warnings.catch_warnings():  # a label with fewer examples than folds is fine here
        warnings.simplefilter("ignore", UserWarning)
        splits = list(splitter.split(np.zeros(len(rows)), strata))
    for train, held in splits:
        head = (_fit_cleaned if cleaned else _fit_rows)(data, rows[train])
        found[np.ix_(held, head.classes_)] = head.predict_proba(data.features[rows[held]])
    return found


def _plausible(
    data: Dataset, rows: npt.NDArray[np.int64], probabilities: npt.NDArray[np.float64]
) -> npt.NDArray[np.int64]:
    """``rows`` without the public examples whose own label a model that did not see them
    finds implausible: annotation slips such as SLURP's "add vodka to my party shopping list"
    filed as a question. The app's own commands are always kept."""
    own = probabilities[np.arange(len(rows)), data.labels[rows]]
    ours = np.asarray([data.examples[row].source == "commands" for row in rows])
    return rows[ours | (own >= NOISE_LIMIT)]


def _fit_rows(data: Dataset, rows: npt.NDArray[np.int64]) -> LogisticRegression:
    return fit(data.features[rows], data.labels[rows], data.weights[rows])


def _fit_cleaned(data: Dataset, rows: npt.NDArray[np.int64]) -> LogisticRegression:
    probabilities = _out_of_fold(data, rows, CLEANING_FOLDS)
    return _fit_rows(data, _plausible(data, rows, probabilities))


def cross_validated(data: Dataset, folds: int = FOLDS) -> npt.NDArray[np.float64]:
    """Each example's label probabilities from a model trained as ``train`` trains, on the
    other folds (its annotation slips left out by their own inner cross-validation)."""
    return _out_of_fold(data, np.arange(len(data.examples)), folds, cleaned=True)


def train(data: Dataset) -> IntentModel:
    """The thresholds come from out-of-fold probabilities of all examples; the model that
    ships is fitted without the annotation slips those probabilities reveal."""
    rows = np.arange(len(data.examples))
    probabilities = _out_of_fold(data, rows, CALIBRATION_FOLDS)
    thresholds = calibrate(data.examples, probabilities)
    head = _fit_rows(data, _plausible(data, rows, probabilities))
    return _model(head, thresholds, embedded=EMBEDDED)
