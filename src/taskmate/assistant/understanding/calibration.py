"""Choosing the policy's thresholds on cross-validated probabilities.

``act`` is the lowest threshold at which requests that are not for this assistant are read
as a change at most ``CHANGE_BUDGET`` of the time; ``margin`` the widest (up to 0.3) at
which at most ``ASK_BUDGET`` of task requests are answered with a question instead of an
action.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from taskmate.assistant.understanding.judging import is_task_request
from taskmate.assistant.understanding.labels import CHANGES, LABELS, NO_ACTION
from taskmate.assistant.understanding.model import Thresholds
from taskmate.assistant.understanding.sources import Example

CHANGE_BUDGET = 0.004
ASK_BUDGET = 0.03
_GRID = np.round(np.arange(0.30, 0.96, 0.01), 2)
_MARGINS = np.round(np.arange(0.0, 0.31, 0.01), 2)
_CHANGE_COLUMNS = [number for number, label in enumerate(LABELS) if label in CHANGES]
_TASK_COLUMNS = [number for number, label in enumerate(LABELS) if label not in NO_ACTION]


def _change_rate(probabilities: npt.NDArray[np.float64], act: float) -> float:
    top = probabilities.argmax(axis=1)
    changed = np.isin(top, _CHANGE_COLUMNS) & (probabilities.max(axis=1) >= act)
    return float(changed.mean()) if len(changed) else 0.0


def _ask_rate(probabilities: npt.NDArray[np.float64], margin: float) -> float:
    ordered = np.sort(probabilities, axis=1)[:, ::-1]
    ranks = np.argsort(-probabilities, axis=1)
    both_tasks = np.isin(ranks[:, 0], _TASK_COLUMNS) & np.isin(ranks[:, 1], _TASK_COLUMNS)
    asked = both_tasks & (ordered[:, 0] - ordered[:, 1] < margin)
    return float(asked.mean()) if len(asked) else 0.0


def calibrate(examples: Sequence[Example], probabilities: npt.NDArray[np.float64]) -> Thresholds:
    tasks = np.asarray([is_task_request(example) for example in examples])
    outside = probabilities[~tasks]
    act = next((float(t) for t in _GRID if _change_rate(outside, t) <= CHANGE_BUDGET), 0.95)
    fitting = [float(m) for m in _MARGINS if _ask_rate(probabilities[tasks], m) <= ASK_BUDGET]
    return Thresholds(act=act, margin=max(fitting, default=0.0))
