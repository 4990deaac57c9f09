"""English number words, cardinal ("twenty one") and ordinal ("twenty-first", "21st").

The readers work on a sequence of lowercase tokens (a hyphenated "twenty-first" arrives as
two tokens) and return the value together with the index just past the number.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

UNITS: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
ORDINAL_UNITS: dict[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
}
ORDINAL_TENS: dict[str, int] = {
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
}

_DIGIT_ORDINAL = re.compile(r"(\d{1,3})(?:st|nd|rd|th)")

NUMBER_WORDS = frozenset(UNITS) | frozenset(TENS) | frozenset(ORDINAL_UNITS) | ORDINAL_TENS.keys()


def read_cardinal(words: Sequence[str], i: int) -> tuple[int, int] | None:
    """A cardinal written in digits or words (0-99) at ``words[i]``: (value, next index)."""
    if i >= len(words):
        return None
    word = words[i]
    if word.isascii() and word.isdigit():
        return int(word), i + 1
    if word in UNITS:
        return UNITS[word], i + 1
    if word in TENS:
        value = TENS[word]
        if i + 1 < len(words) and (unit := UNITS.get(words[i + 1])) is not None and 0 < unit < 10:
            return value + unit, i + 2
        return value, i + 1
    return None


def read_ordinal(words: Sequence[str], i: int) -> tuple[int, int, bool] | None:
    """An ordinal ("21st", "twenty first", "twentieth"): (value, next index, written in words)."""
    if i >= len(words):
        return None
    word = words[i]
    if (match := _DIGIT_ORDINAL.fullmatch(word)) is not None:
        return int(match.group(1)), i + 1, False
    if word in ORDINAL_UNITS:
        return ORDINAL_UNITS[word], i + 1, True
    if word in ORDINAL_TENS:
        return ORDINAL_TENS[word], i + 1, True
    if word in TENS and i + 1 < len(words):
        unit = ORDINAL_UNITS.get(words[i + 1])
        if unit is not None and unit < 10:
            return TENS[word] + unit, i + 2, True
    return None
