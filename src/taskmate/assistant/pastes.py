"""A message too long to be a task's title (a paste): its first line is the title, cut at a
word boundary when still long, and the rest becomes the task's notes."""

from __future__ import annotations

from dataclasses import dataclass

LONGER_THAN_A_TITLE = 300  # characters; a message longer than this is a paste
TITLE_LENGTH = 120  # a first line longer than this is cut at a word boundary before it


@dataclass(frozen=True, kw_only=True, slots=True)
class Paste:
    head: str  # what is read as the command (and becomes the title)
    notes: str  # everything else, as written


def paste(text: str) -> Paste | None:
    """The parts of ``text``, or None when it is short enough to be read whole."""
    text = text.strip()
    if len(text) <= LONGER_THAN_A_TITLE:
        return None
    first, _, rest = text.partition("\n")
    first = first.strip()
    if len(first) > TITLE_LENGTH:
        cut = first.rfind(" ", 0, TITLE_LENGTH + 1)
        cut = cut if cut > 0 else TITLE_LENGTH
        first, rest = first[:cut].rstrip(), f"{first[cut:].lstrip()}\n{rest}"
    return Paste(head=first, notes=rest.strip())
