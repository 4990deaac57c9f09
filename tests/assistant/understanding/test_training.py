"""The committed model is what training builds from the committed data, on every run."""

from pathlib import Path

import numpy as np

from taskmate.assistant.understanding.model import MODEL_FILE, read_model
from taskmate.assistant.understanding.training import load_dataset, train

DATA = Path(__file__).resolve().parents[3] / "training" / "nlu"


def test_training_rebuilds_the_committed_model(tmp_path: Path) -> None:
    built = tmp_path / "intent.npz"
    train(load_dataset(DATA)).save(built)

    committed, rebuilt = read_model(MODEL_FILE), read_model(built)
    assert rebuilt.thresholds == committed.thresholds
    assert np.allclose(rebuilt.bias, committed.bias, atol=1e-3)
    assert np.allclose(rebuilt.dense_weights, committed.dense_weights, atol=1e-3)
    # The sparse weights are stored as float16: equal once rounded the same way.
    assert np.allclose(rebuilt.sparse_weights, committed.sparse_weights, atol=1e-3)
    assert MODEL_FILE.stat().st_size < 5_000_000
