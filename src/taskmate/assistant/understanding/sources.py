"""The labelled text the intent model learns from, read from the repository's
``training/nlu`` folder (see its README for each file's source and licence):

- CLINC150's train and validation splits: its nine task intents become ``find`` (queries)
  or a change; its greetings, thanks and questions about the assistant become ``chat`` or
  ``help``; its 137 other intents and its out-of-scope requests become ``outside``. CLINC's
  ``_update`` labels say "a change", not which one: the change family the cues favour is
  used, ``add`` when they favour none. Its ``cancel`` requests that say "undo" are left
  out: here "undo" is a command of its own.
- SLURP's development split: its calendar and list intents map to ``add``, ``find`` and
  ``delete``; its other scenarios become ``outside``.
- The corpus of the app's own commands, labelled directly.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from taskmate.assistant.interpreter.cues import Family
from taskmate.assistant.interpreter.signals import Signals, signals
from taskmate.assistant.understanding.labels import LABELS, Label

CLINC = "clinc150.jsonl"
SLURP = "slurp-devel.jsonl"
COMMANDS = "commands.jsonl"

_CLINC_QUERIES = {"todo_list", "reminder", "calendar", "shopping_list", "meeting_schedule"}
_CLINC_UPDATES = {"todo_list_update", "reminder_update", "calendar_update", "shopping_list_update"}
_CLINC_CHAT = {
    "greeting",
    "goodbye",
    "thank_you",
    "are_you_a_bot",
    "what_is_your_name",
    "who_made_you",
    "how_old_are_you",
    "where_are_you_from",
    "what_are_your_hobbies",
    "do_you_have_pets",
    "who_do_you_work_for",
    "yes",
    "no",
    "maybe",
}
_CLINC_HELP = {"what_can_i_ask_you"}
_SLURP: dict[str, Label] = {
    "calendar_set": "add",
    "lists_createoradd": "add",
    "calendar_query": "find",
    "lists_query": "find",
    "calendar_remove": "delete",
    "lists_remove": "delete",
}
_CHANGE_FAMILIES: tuple[Family, ...] = ("add", "delete", "complete", "update", "reopen")


@dataclass(frozen=True, kw_only=True, slots=True)
class Example:
    text: str
    label: Label
    source: str  # "clinc", "slurp" or "commands"
    group: str  # the source's own intent: what score.py judges by


def _rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)


def _favoured_change(found: Signals) -> Family:
    best = max(_CHANGE_FAMILIES, key=lambda family: found.cues[family])
    return best if found.cues[best] > 0 else "add"


def clinc_label(intent: str, text: str, now: datetime) -> Label:
    """``intent`` without its ``clinc:`` prefix."""
    if intent in _CLINC_QUERIES:
        return "find"
    if intent in _CLINC_UPDATES:
        return _favoured_change(signals(text, now=now))
    if intent in _CLINC_CHAT:
        return "chat"
    if intent in _CLINC_HELP:
        return "help"
    return "outside"


def slurp_label(intent: str) -> Label:
    return _SLURP.get(intent, "outside")


def command_label(label: str) -> Label:
    if label not in LABELS:  # narrowed by the membership test
        raise ValueError(f"unknown label {label!r} in the commands corpus")
    return label


def read_examples(folder: Path, *, now: datetime) -> list[Example]:
    """Every example of the three sources, in file order."""
    examples = [
        Example(
            text=row["text"],
            label=clinc_label(row["intent"].removeprefix("clinc:"), row["text"], now),
            source="clinc",
            group=row["intent"],
        )
        for row in _rows(folder / CLINC)
        if not (row["intent"] == "clinc:cancel" and "undo" in row["text"])
    ]
    examples += [
        Example(
            text=row["text"], label=slurp_label(row["intent"]), source="slurp", group=row["intent"]
        )
        for row in _rows(folder / SLURP)
    ]
    examples += [
        Example(
            text=row["text"],
            label=command_label(row["label"]),
            source="commands",
            group=row["intent"],
        )
        for row in _rows(folder / COMMANDS)
    ]
    return examples
