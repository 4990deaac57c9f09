"""The intent model's classes: the families of the interpreter's intents, plus undo, chat,
help and ``outside`` (anything that is not for this assistant)."""

from __future__ import annotations

from typing import Literal, get_args

Label = Literal[
    "add", "find", "update", "complete", "reopen", "delete", "undo", "chat", "help", "outside"
]
LABELS: tuple[Label, ...] = get_args(Label)
# Labels whose reading changes the user's data.
CHANGES: frozenset[Label] = frozenset({"add", "update", "complete", "reopen", "delete", "undo"})
# Labels that leave everything as it is and answer with words only.
NO_ACTION: frozenset[Label] = frozenset({"chat", "help", "outside"})
