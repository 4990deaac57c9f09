"""One-line quick add: ``buy milk tomorrow 5pm #errands @shop p1``.

- ``#project`` (letters, digits, ``-``, ``_``, not only digits: "issue #42" is no project) or
  ``#"two words"``; ``@label`` (several, kept as written, de-duplicated ignoring case);
  ``p1``-``p4`` map to priority 4-1 (none is 0). Markers are whole tokens: ``a@b.com`` is no
  label and ``c#`` no project. A repeated project or priority: the last one wins.
- Text in straight or typographic quotes, double or single, is kept literally (without the
  quotes) and never searched for dates or markers.
- A recurrence ("every monday at 9") wins over a plain due date; its first occurrence is the due.
- The date phrase leaves the title together with connectors right before it ("at", "on", "by",
  "due"). If nothing is left, the title is the whole input, stripped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime

from taskmate.tasks.dates import Due, find_due
from taskmate.tasks.dates_tokens import BARRIER
from taskmate.tasks.recurrence import Recurrence, find_recurrence

__all__ = ["QuickAdd", "parse_quick_add"]


@dataclass(frozen=True, kw_only=True, slots=True)
class QuickAdd:
    title: str
    due: Due | None
    recurrence: Recurrence | None
    project: str | None
    labels: tuple[str, ...]
    priority: int


_END = r"(?=$|\s|[,.;:!?](?:$|\s))"
_SCAN = re.compile(
    rf'(?<!\S)#(?:"(?P<qproject>[^"]+)"|“(?P<sproject>[^”]+)”){_END}'
    rf"|(?<!\S)#(?P<project>[\w-]*[^\W\d][\w-]*){_END}"
    rf"|(?<!\S)@(?P<label>[\w-]+){_END}"
    rf"|(?<!\S)[pP](?P<priority>[1-4]){_END}"
    r'|(?P<quote>"[^"]*"|“[^”]*”'
    r"|(?<!\w)'(?:[^']|'(?=\w))*'(?!\w)|‘(?:[^’]|’(?=\w))*’(?!\w))"
)
_CONNECTOR_BEFORE = re.compile(r"(?:^|(?<=\s))(?:at|on|by|due)\s*$", re.IGNORECASE)
_TRIM = frozenset(" \t\r\n,;:-–—")


def parse_quick_add(text: str, *, now: datetime) -> QuickAdd:
    project: str | None = None
    labels: dict[str, str] = {}
    priority = 0
    quotes: list[tuple[int, int]] = []
    removed: list[tuple[int, int]] = []
    masked = list(text)
    for match in _SCAN.finditer(text):
        start, end = match.span()
        if match.group("quote") is not None:
            quotes.append((start, end))
            masked[start:end] = BARRIER * (end - start)
            continue
        removed.append((start, end))
        masked[start:end] = " " * (end - start)
        if (name := match.group("qproject") or match.group("sproject")) is not None:
            project = name.strip()
        elif (name := match.group("project")) is not None:
            project = name
        elif (name := match.group("label")) is not None:
            labels.setdefault(name.casefold(), name)
        else:
            priority = 5 - int(match.group("priority"))
    search = "".join(masked)

    due: Due | None = None
    recurrence: Recurrence | None = None
    span: tuple[int, int] | None = None
    if (repeat := find_recurrence(search, now=now)) is not None:
        phrase = " ".join(search[repeat.start : repeat.end].split())
        recurrence = replace(repeat.recurrence, text=phrase)
        due, span = replace(repeat.first, text=phrase), (repeat.start, repeat.end)
    elif (found := find_due(search, now=now)) is not None:
        phrase = " ".join(search[found.start : found.end].split())
        due, span = replace(found.due, text=phrase), (found.start, found.end)
    if span is not None:
        start = span[0]
        while (connector := _CONNECTOR_BEFORE.search(search, 0, start)) is not None:
            start = connector.start()
        removed.append((start, span[1]))

    title = _title(text, removed, quotes) or text.strip()
    return QuickAdd(
        title=title,
        due=due,
        recurrence=recurrence,
        project=project,
        labels=tuple(labels.values()),
        priority=priority,
    )


def _title(text: str, removed: list[tuple[int, int]], quotes: list[tuple[int, int]]) -> str:
    """What remains of ``text``: quoted parts verbatim, elsewhere whitespace collapsed."""
    chars: list[tuple[str, bool]] = []  # (character, from a quoted literal)
    pos = 0
    spans = sorted([(s, e, False) for s, e in removed] + [(s, e, True) for s, e in quotes])
    for start, end, literal in spans:
        if end <= pos:
            continue
        chars.extend((char, False) for char in text[pos:start])
        if literal:
            chars.extend((char, True) for char in text[start + 1 : end - 1])
        pos = max(pos, end)
        if not literal and text[pos : pos + 1] in (",", ";", ":", ".", "!", "?"):
            while chars and not chars[-1][1] and chars[-1][0].isspace():
                chars.pop()
    chars.extend((char, False) for char in text[pos:])
    out: list[tuple[str, bool]] = []
    for char, literal in chars:
        if not literal and char.isspace():
            if not out or out[-1][0].isspace():
                continue
            char = " "
        out.append((char, literal))
    while out and not out[-1][1] and out[-1][0] in _TRIM:
        out.pop()
    first = 0
    while first < len(out) and not out[first][1] and out[first][0] in _TRIM:
        first += 1
    return "".join(char for char, _ in out[first:])
