"""Lengths of time in commands: "30 minutes", "an hour", "half an hour", "10 min", "2h",
"a day", "twenty five mins", as a number of minutes and where the phrase is."""

from __future__ import annotations

import re
from dataclasses import dataclass

from taskmate.tasks.numbers import TENS, UNITS, read_cardinal

_SPELT = "|".join(sorted((*UNITS, *TENS), key=len, reverse=True))
_UNIT_MINUTES: dict[str, int] = {
    "m": 1,
    "min": 1,
    "mins": 1,
    "minute": 1,
    "minutes": 1,
    "h": 60,
    "hr": 60,
    "hrs": 60,
    "hour": 60,
    "hours": 60,
    "d": 24 * 60,
    "day": 24 * 60,
    "days": 24 * 60,
    "w": 7 * 24 * 60,
    "wk": 7 * 24 * 60,
    "wks": 7 * 24 * 60,
    "week": 7 * 24 * 60,
    "weeks": 7 * 24 * 60,
}
_UNIT = "|".join(sorted(_UNIT_MINUTES, key=len, reverse=True))
_LENGTH = re.compile(
    rf"\b(?:(?P<half>half an?) (?P<half_unit>hour|day)"
    rf"|(?P<amount>\d+|an?|(?:{_SPELT})(?:[ -](?:{_SPELT}))?) ?(?P<unit>{_UNIT})"
    rf"(?P<and_half> and a half)?)\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Length:
    minutes: int
    span: tuple[int, int]


def _amount(text: str) -> int | None:
    if text in ("a", "an"):
        return 1
    words = text.replace("-", " ").split()
    found = read_cardinal(words, 0)
    return found[0] if found is not None and found[1] == len(words) else None


def find_length(text: str) -> Length | None:
    """The first length of time in ``text``."""
    for match in _LENGTH.finditer(text):
        if match["half"]:
            return Length(_UNIT_MINUTES[match["half_unit"].lower()] // 2, match.span())
        amount = _amount(match["amount"].lower())
        if amount is None:
            continue
        unit = _UNIT_MINUTES[match["unit"].lower()]
        minutes = amount * unit + (unit // 2 if match["and_half"] else 0)
        return Length(minutes, match.span())
    return None
