"""What the model sees of a message."""

from datetime import UTC, datetime

import numpy as np

from taskmate.assistant.interpreter.signals import SIGNAL_NAMES, signals
from taskmate.assistant.understanding.features import (
    MODEL_TEXT_LIMIT,
    SPARSE_SIZE,
    model_text,
    ngrams,
    sparse,
)

NOW = datetime(2026, 1, 15, 10, tzinfo=UTC)


def test_the_model_reads_the_command_in_lower_case_and_only_how_a_long_paste_starts() -> None:
    assert model_text("Add  Milk\nTomorrow") == "add milk tomorrow"
    assert len(model_text("word " * 1000)) <= MODEL_TEXT_LIMIT


def test_ngrams_cover_words_pairs_the_first_word_and_characters() -> None:
    grams = ngrams("ad milk")
    assert {"w:ad", "w:milk", "b:ad milk", "s:ad", "<ad>", "<mi", "<mil", "ilk>"} <= grams


def test_a_typo_shares_most_character_ngrams_with_the_word() -> None:
    right, typo = ngrams("remind"), ngrams("remidn")
    assert len(right & typo) >= 3


def test_sparse_features_are_a_unit_vector_of_stable_buckets() -> None:
    first, again = sparse("buy milk"), sparse("buy milk")
    assert np.array_equal(first.indices, again.indices)
    assert np.isclose(float(np.linalg.norm(first.values)), 1.0)
    assert first.indices.max() < SPARSE_SIZE


def test_signals_are_numbers_in_their_named_order() -> None:
    found = signals("please remind me to call mom tomorrow #family", now=NOW)
    values = found.values()
    assert len(values) == len(SIGNAL_NAMES)
    named = dict(zip(SIGNAL_NAMES, values, strict=True))
    assert named["dated"] == 1.0 and named["marked"] == 1.0 and named["question"] == 0.0
    assert named["rule:add"] == 1.0
