"""Tokenizer for date phrases: words, numbers, clock times and numeric dates, with spans."""

from __future__ import annotations

import re
from dataclasses import dataclass

from taskmate.tasks.dates_lexicon import ALIASES, MONTHS, WEEKDAYS
from taskmate.tasks.numbers import ORDINAL_TENS, ORDINAL_UNITS

_TOKEN = re.compile(
    r"(?P<iso>\d{4}-\d{1,2}-\d{1,2})(?![\w-])"
    r"|(?P<slash>(?<![\d/])\d{1,2}/\d{1,2}(?:/\d{2}(?:\d{2})?)?)(?![\w/])"
    r"|(?P<clock>\d{1,2}:\d{2})(?![\d:])"
    r"|(?P<mer>[ap]\.\s?m(?![^\W\d_])\.?)"
    r"|(?P<word>o['’]clock|[^\W\d_]+(?:['’]s(?![^\W\d_]))?)"
    r"|(?P<ord>\d+(?:st|nd|rd|th))(?![^\W\d_])"
    r"|(?P<num>\d+)"
    r"|(?P<bar>\x1f+)",
    re.IGNORECASE,
)
# A run of this character blocks phrases: quick add uses it to mask quoted text.
BARRIER = "\x1f"


@dataclass(frozen=True, slots=True)
class Tokens:
    words: list[str]
    kinds: list[str]
    starts: list[int]
    ends: list[int]


def tokenize(text: str) -> Tokens:
    words: list[str] = []
    kinds: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "bar"
        word = match.group().lower()
        if kind == "mer":
            word, kind = word[0] + "m", "word"
        elif kind == "word":
            word = word.removesuffix("'s").removesuffix("’s")  # "tomorrow's meeting"
            word = ALIASES.get(word, word)
        words.append(word)
        kinds.append(kind)
        starts.append(match.start())
        ends.append(match.end())
    return Tokens(words, kinds, starts, ends)


# Words that anchor a phrase to a day; "in 2 hours" is a moment, not a time of day.
_ANCHORS = (
    "today tonight tomorrow yesterday weekend day days week weeks fortnight month months year"
    " years hour hours minute minutes eom eow eoy"
)
_DAY_WORDS = (
    frozenset(_ANCHORS.split())
    | MONTHS.keys()
    | WEEKDAYS.keys()
    | ORDINAL_UNITS.keys()
    | ORDINAL_TENS.keys()
)


def clock_only(phrase: str) -> bool:
    """A time of day without a day ("at 5pm", "noon")."""
    tokens = tokenize(phrase)
    return not any(
        word in _DAY_WORDS or kind in ("iso", "slash", "ord")
        for word, kind in zip(tokens.words, tokens.kinds, strict=True)
    )
