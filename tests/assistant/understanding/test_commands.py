"""The command corpus: committed as generated, the same under any hash seed, one intent per
wording, every class present, and the hand-written lines kept."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from taskmate.assistant.understanding.commands import (
    HANDWRITTEN,
    LABEL_OF_INTENT,
    Example,
    command_corpus,
    handwritten,
    same_words,
    write_corpus,
)
from taskmate.assistant.understanding.labels import LABELS

COMMITTED = HANDWRITTEN.parent / "commands.jsonl"


@pytest.fixture(scope="module")
def corpus() -> list[Example]:
    return command_corpus()


def test_the_committed_file_is_what_the_generator_writes(tmp_path: Path) -> None:
    written = tmp_path / "commands.jsonl"
    count = write_corpus(written)
    assert written.read_bytes() == COMMITTED.read_bytes(), "run `taskmate nlu corpus` again"
    assert count == len(COMMITTED.read_text(encoding="utf-8").splitlines())


def test_each_committed_line_is_text_label_and_intent() -> None:
    for line in COMMITTED.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        assert list(row) == ["text", "label", "intent"]
        assert LABEL_OF_INTENT[row["intent"]] == row["label"]


def test_the_corpus_does_not_depend_on_the_hash_seed(corpus: list[Example]) -> None:
    script = (
        "from taskmate.assistant.understanding.commands import command_corpus;"
        "print(repr([(e.text, e.intent) for e in command_corpus()]))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "4242")
    }
    assert outputs == {repr([(e.text, e.intent) for e in corpus]) + "\n"}


def test_no_wording_has_two_intents(corpus: list[Example]) -> None:
    intents: dict[str, set[str]] = {}
    for example in corpus:
        intents.setdefault(same_words(example.text), set()).add(example.intent)
    assert {words: found for words, found in intents.items() if len(found) > 1} == {}


def test_texts_are_unique_and_clean(corpus: list[Example]) -> None:
    texts = [example.text for example in corpus]
    assert len(texts) == len(set(texts))
    assert all(text == text.strip() and "  " not in text for text in texts)
    assert [text for text in texts if re.search(r"\{[a-z_0-9]+\}", text)] == [], "a slot unfilled"


def test_every_class_and_intent_is_well_represented(corpus: list[Example]) -> None:
    labels = Counter(example.label for example in corpus)
    intents = Counter(example.intent for example in corpus)
    assert set(labels) == set(LABELS)
    assert min(labels.values()) >= 120
    assert set(intents) == set(LABEL_OF_INTENT)
    assert min(intents.values()) >= 50
    assert 3000 <= len(corpus) <= 6000


def test_every_hand_written_line_is_in_the_corpus(corpus: list[Example]) -> None:
    written = handwritten()
    assert len(written) >= 500
    assert set(written) <= set(corpus)


def test_a_hand_written_line_with_a_wrong_intent_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "lines.tsv"
    path.write_text("label\tintent\ttext\nfind\tadd_tasks\tadd milk\n", encoding="utf-8")
    with pytest.raises(ValueError, match="add milk"):
        handwritten(path)


def test_two_intents_for_one_wording_are_refused(tmp_path: Path) -> None:
    lines = HANDWRITTEN.read_text(encoding="utf-8") + "outside\tunknown\tUndo that!\n"
    path = tmp_path / "lines.tsv"
    path.write_text(lines, encoding="utf-8")
    with pytest.raises(ValueError, match="Undo that!"):
        command_corpus(path)


def test_the_corpus_is_typed_the_way_people_type(corpus: list[Example]) -> None:
    texts = " ".join(example.text for example in corpus).split()
    for shorthand in ("tmrw", "nxt", "pls", "ad", "tsk", "u"):
        assert shorthand in texts, shorthand
    assert any(text[:1].isupper() for text in texts)
    assert any(not word.isascii() for word in texts), "no emoji"
