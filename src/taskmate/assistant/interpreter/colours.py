"""Colour names a list can be given ("make the work list blue"), as the ``#rrggbb`` stored."""

from __future__ import annotations

import re

COLOURS: dict[str, str] = {
    "red": "#ef4444",
    "orange": "#f97316",
    "yellow": "#eab308",
    "green": "#22c55e",
    "teal": "#14b8a6",
    "blue": "#3b82f6",
    "purple": "#a855f7",
    "pink": "#ec4899",
    "brown": "#92400e",
    "grey": "#6b7280",
    "gray": "#6b7280",
    "black": "#111827",
}
NAMES = "|".join(COLOURS)
_COLOUR_OF = re.compile(
    r"^(?:set|change|make|update|switch|turn) (?:the )?colou?r of (?P<target>.+?)"
    rf" (?:to|as|into) (?P<colour>{NAMES})$",
    re.I,
)
_COLOURING = re.compile(
    r"^(?:colou?r|paint|make|turn|set|change|switch|mark) (?P<target>.+?)"
    rf"(?: colou?r)?(?: (?:to|as|into))? (?P<colour>{NAMES})(?: colou?r)?$",
    re.I,
)


def find_colouring(command: str) -> tuple[str, str] | None:
    """What ``command`` colours and the colour: "paint the work list red" -> ("the work list",
    "#ef4444"). Whether the target is a list is the caller's question."""
    match = _COLOUR_OF.match(command) or _COLOURING.match(command)
    if match is None:
        return None
    return match["target"], COLOURS[match["colour"].lower()]
