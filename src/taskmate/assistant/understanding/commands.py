"""The corpus of the app's own commands that the intent model trains on beside CLINC150 and
SLURP: template lines filled with task titles, lists, dates and typing habits, plus the
hand-written lines in ``training/nlu/commands-handwritten.tsv`` and a typed variant of some.

Every line carries the model's class (``label``) and the parse contract's finer ``intent``.
The corpus is the same on every run: each template group and the hand-written lines draw
from a ``random.Random`` seeded with a string (strings seed the same under any hash seed),
and nothing iterates over a set.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from random import Random
from string import Formatter

from taskmate.assistant.interpreter.intents import INTENTS, Intent
from taskmate.assistant.understanding.command_slots import TASK_SLOTS, Slot
from taskmate.assistant.understanding.command_templates import TEMPLATES, Templates
from taskmate.assistant.understanding.labels import LABELS, Label
from taskmate.assistant.understanding.outside_slots import OUTSIDE_SLOTS
from taskmate.assistant.understanding.typing_habits import typed

# The label of each of the parse contract's intents.
LABEL_OF_INTENT: Mapping[Intent, Label] = {
    "add_tasks": "add",
    "add_project": "add",
    "find_tasks": "find",
    "list_projects": "find",
    "update_tasks": "update",
    "update_project": "update",
    "complete_tasks": "complete",
    "reopen_tasks": "reopen",
    "delete_tasks": "delete",
    "delete_project": "delete",
    "undo": "undo",
    "chat": "chat",
    "help": "help",
    "unknown": "outside",
}
HANDWRITTEN = Path(__file__).resolve().parents[4] / "training" / "nlu" / "commands-handwritten.tsv"
SEED = "taskmate-commands-1"
# The share of hand-written lines that also appear once more, typed another way.
_RETYPED_SHARE = 0.4
_ATTEMPTS_PER_LINE = 30
_SLOTS: Mapping[str, Slot] = {**TASK_SLOTS, **OUTSIDE_SLOTS}
_PUNCTUATION = re.compile(r"[!?.,;:'\"()\-]+")


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    label: Label
    intent: Intent

    def __post_init__(self) -> None:
        if LABEL_OF_INTENT[self.intent] != self.label:
            raise ValueError(f"{self.text!r}: intent {self.intent} is not of label {self.label}")


def _example(text: str, label: str, intent: str) -> Example:
    if label not in LABELS or intent not in INTENTS:
        raise ValueError(f"{text!r}: unknown label {label!r} or intent {intent!r}")
    return Example(text=text, label=label, intent=intent)


def same_words(text: str) -> str:
    """``text`` without case, punctuation or spacing (unless it is all punctuation): two lines
    alike so must agree."""
    words = " ".join(_PUNCTUATION.sub(" ", text.casefold()).split())
    return words or text.strip()


def handwritten(path: Path = HANDWRITTEN) -> list[Example]:
    """The hand-written lines: a tab-separated file with the header ``label intent text``."""
    with path.open(encoding="utf-8", newline="") as file:
        rows = csv.DictReader(file, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [_example(row["text"], row["label"], row["intent"]) for row in rows]


def _fields(shape: str) -> list[str]:
    return list(dict.fromkeys(name for _, name, _, _ in Formatter().parse(shape) if name))


def _filled(shape: str, rng: Random) -> str | None:
    """``shape`` with its fields filled, or None when a ``name2`` field repeats ``name``."""
    values = {name: _SLOTS[name](rng) for name in _fields(shape)}
    if any(values.get(name[:-1]) == value for name, value in values.items() if name[-1] == "2"):
        return None
    return " ".join(shape.format_map(values).split())


def _from_templates(group: Templates) -> Iterator[str]:
    """Up to ``group.count`` distinct lines, taking the group's shapes in turn."""
    rng = Random(f"{SEED}:{group.intent}:{group.phrasing}")  # noqa: S311 - not for security
    seen: set[str] = set()
    for attempt in range(group.count * _ATTEMPTS_PER_LINE):
        if len(seen) == group.count:
            return
        filled = _filled(group.shapes[attempt % len(group.shapes)], rng)
        if filled is None:
            continue
        text = typed(filled, rng, group.phrasing)
        if text not in seen:
            seen.add(text)
            yield text


def _retyped(examples: Iterable[Example]) -> Iterator[Example]:
    rng = Random(f"{SEED}:handwritten")  # noqa: S311 - not for security
    for example in examples:
        if rng.random() < _RETYPED_SHARE:
            text = typed(example.text, rng, "as_written")
            yield Example(text=text, label=example.label, intent=example.intent)


def command_corpus(handwritten_path: Path = HANDWRITTEN) -> list[Example]:
    """Every line once, ordered by label, intent and text (so a change reads as a small diff).

    Two lines with the same words (``same_words``) under two intents would teach the model
    nothing but confusion: that raises ``ValueError``.
    """
    written = handwritten(handwritten_path)
    generated = [
        Example(text=text, label=LABEL_OF_INTENT[group.intent], intent=group.intent)
        for group in TEMPLATES
        for text in _from_templates(group)
    ]
    corpus: dict[str, Example] = {}
    intents: dict[str, Example] = {}
    for example in [*written, *_retyped(written), *generated]:
        known = intents.setdefault(same_words(example.text), example)
        if known.intent != example.intent:
            raise ValueError(f"{example.text!r} is {example.intent}, {known.text!r} {known.intent}")
        corpus.setdefault(example.text, example)
    order = {label: index for index, label in enumerate(LABELS)}
    return sorted(corpus.values(), key=lambda e: (order[e.label], e.intent, e.text))


def write_corpus(path: Path) -> int:
    """Write the corpus as JSON lines ``{"text", "label", "intent"}``; returns the count."""
    corpus = command_corpus()
    lines = (
        json.dumps({"text": e.text, "label": e.label, "intent": e.intent}, ensure_ascii=False)
        for e in corpus
    )
    path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    return len(corpus)
