"""Priority in words: "high priority", "priority one", "urgent". Levels as in quick add:
4 urgent ("p1", "priority one", "top priority", "asap"), 3 high ("important"), 2 medium,
1 low."""

from __future__ import annotations

import re

_PRIORITY = re.compile(
    r"(?:\b(?:with|at|as|to) )?(?:\b(?:an?|the) )?\b(?:"
    r"(?P<level>highest|high|top|urgent|low|lowest|medium|normal|max|maximum) priority"
    r"|priority (?:of |to )?(?P<rank>one|two|three|four|[1-4]|highest|high|low|lowest|medium"
    r"|normal|urgent|top)"
    r"|(?P<word>urgent|urgently|asap|important)"
    r"|(?P<p>p[1-4]))\b",
    re.I,
)
_LEVELS = {
    "highest": 4,
    "top": 4,
    "urgent": 4,
    "urgently": 4,
    "asap": 4,
    "max": 4,
    "maximum": 4,
    "high": 3,
    "important": 3,
    "medium": 2,
    "normal": 2,
    "low": 1,
    "lowest": 1,
}
_RANKS = {"one": 4, "1": 4, "two": 3, "2": 3, "three": 2, "3": 2, "four": 1, "4": 1}


def find_priority(text: str) -> tuple[int, tuple[int, int]] | None:
    """The priority a text names (0 none ... 4 urgent) and where, or None."""
    match = _PRIORITY.search(text)
    if match is None:
        return None
    word = (match["level"] or match["rank"] or match["word"] or match["p"][1]).lower()
    return _RANKS.get(word) or _LEVELS[word], match.span()
