"""Typed and spoken input brought to one form before it is read.

``clean`` first puts right the typos and shorthand in command and date words
(``spelling.correct``: "ad tsk pay rent nxt monday" -> "add task pay rent next monday").

Spoken commands arrive in lower case with numbers as words ("remind me on april two at five
pm"); typed ones with capitals and punctuation. ``clean`` keeps the user's casing (titles are
cut from it) and only rewrites what the date grammar reads differently: day numbers next to a
month name become digits ("april two" -> "april 2", "ten march" -> "10 march"), years in words
become digits, "o clock" becomes "o'clock", "twelve noon" becomes "noon", and recurrences
take the grammar's word order ("on mondays" -> "every monday", "the 15th of every month" ->
"every month on the 15th").

``strip_fillers`` removes what carries no command: wake words ("olly", "hey siri"),
politeness ("please", "can you") and a greeting in front of a command.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from taskmate.assistant.interpreter.spelling import correct
from taskmate.tasks.dates_lexicon import MONTHS, WEEKDAY_PLURALS, WEEKDAYS
from taskmate.tasks.numbers import (
    ORDINAL_TENS,
    ORDINAL_UNITS,
    UNITS,
    read_cardinal,
    read_ordinal,
)

_SMALL = "|".join(word for word, value in UNITS.items() if 1 <= value <= 9)
_TEENS = "|".join(word for word, value in UNITS.items() if value >= 10)
_SMALL_ORDINALS = "|".join(word for word, value in ORDINAL_UNITS.items() if value <= 9)
_TEEN_ORDINALS = "|".join(word for word, value in ORDINAL_UNITS.items() if value >= 10)
_DAY_CARDINAL = rf"(?:(?:twenty|thirty)(?:[ -](?:{_SMALL}))?|{_TEENS}|{_SMALL})"
_DAY_ORDINAL = (
    rf"(?:(?:twenty|thirty)[ -](?:{_SMALL_ORDINALS})|{'|'.join(ORDINAL_TENS)}"
    rf"|{_TEEN_ORDINALS}|{_SMALL_ORDINALS})"
)
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_MONTH_THEN_DAY = re.compile(
    rf"\b(?P<month>{_MONTH})(?: the)? (?P<day>{_DAY_ORDINAL}|{_DAY_CARDINAL})\b", re.I
)
_DAY_THEN_MONTH = re.compile(rf"\b(?P<day>{_DAY_CARDINAL}) (?P<of>of )?(?P<month>{_MONTH})\b", re.I)
_YEAR_WORDS = re.compile(
    rf"\btwo thousand(?: and)?(?: (?P<rest>{_DAY_CARDINAL}|{_TEENS}))?\b", re.I
)
_O_CLOCK = re.compile(r"\bo\s+clock\b", re.I)
_PLURAL_WEEKDAY = re.compile(
    rf"\b(?:(?:every|on|for) )?(?P<days>{'|'.join(WEEKDAY_PLURALS)})\b", re.I
)
_EVERY_SINGLE = re.compile(r"\bevery single\b", re.I)
_DAY_OF_EVERY_MONTH = re.compile(
    rf"\b(?:on )?the (?P<day>\d{{1,2}}(?:st|nd|rd|th)|{_DAY_ORDINAL}) of (?:every|each) month\b",
    re.I,
)
_TWELVE_NOON = re.compile(r"\btwelve (?=noon\b|midnight\b)", re.I)
_SPACES = re.compile(r"\s+")
_END_PUNCTUATION = re.compile(r"[\s.!?…]+$")
_WEEKDAY_NAMES = {value: name for name, value in WEEKDAYS.items() if len(name) > 4}


def _number(words: str) -> int:
    tokens = words.lower().replace("-", " ").split()
    ordinal = read_ordinal(tokens, 0)
    if ordinal is not None and ordinal[1] == len(tokens):
        return ordinal[0]
    cardinal = read_cardinal(tokens, 0)
    assert cardinal is not None
    return cardinal[0]


def _month_then_day(match: re.Match[str]) -> str:
    return f"{match['month']} {_number(match['day'])}"


def _day_then_month(match: re.Match[str]) -> str:
    return f"{_number(match['day'])} {match['of'] or ''}{match['month']}"


def _year(match: re.Match[str]) -> str:
    return str(2000 + (_number(match["rest"]) if match["rest"] else 0))


def _every_weekday(match: re.Match[str]) -> str:
    return f"every {_WEEKDAY_NAMES[WEEKDAY_PLURALS[match['days'].lower()]]}"


def clean(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'")
    text = _SPACES.sub(" ", text).strip()
    text = correct(_END_PUNCTUATION.sub("", text))
    text = _YEAR_WORDS.sub(_year, text)
    text = _MONTH_THEN_DAY.sub(_month_then_day, text)
    text = _DAY_THEN_MONTH.sub(_day_then_month, text)
    text = _O_CLOCK.sub("o'clock", text)
    text = _EVERY_SINGLE.sub("every", text)
    text = _DAY_OF_EVERY_MONTH.sub(r"every month on the \g<day>", text)
    text = _TWELVE_NOON.sub("", text)
    return _PLURAL_WEEKDAY.sub(_every_weekday, text)


_WAKE = r"(?:olly|alexa|siri|google|cortana|assistant|taskmate|computer|bot)"
_GREETING = r"(?:hey|hi|hello|hiya|howdy|yo|good (?:morning|afternoon|evening)|greetings)"
_CALL = re.compile(rf"^(?:(?:ok|okay|hey|hi) )?{_WAKE}\b", re.I)
_LEADING = re.compile(
    r"^(?:please|pls|plz|kindly|ok|okay|so|um|uh|well|now|and|also|alright|oh|yes|yeah)\b"
    r"|^(?:can|could|would|will) you(?: please| kindly)?\b"
    r"|^(?:can|could|may) i(?: please)?\b"
    r"|^(?:i want|i'd like|i would like|i need) you to\b"
    r"|^go ahead and\b"
    r"|^(?:is it possible to|would it be possible to|i'd like to|i would like to|i want to"
    r"|i wanna|i wish to|let's|let us)\b"
    r"|^(?:just|quickly|simply|completely)\b"
    r"|^do(?= (?:add|remove|delete|cancel|clear|mark|set|create|make|put|schedule|remind|move"
    r"|change|show|list|tell|give)\b)",
    re.I,
)
_GREETING_WORDS = re.compile(rf"^{_GREETING}\b(?: there)?", re.I)
_TRAILING = re.compile(rf"[\s,]+(?:please|pls|thanks|thank you|{_WAKE})$", re.I)
_SEPARATORS = " ,!.:;-"


@dataclass(frozen=True, slots=True)
class Core:
    text: str  # the command, cleaned and without fillers; may be empty
    greeted: bool  # a greeting or the assistant's name came first ("hi olly ...")


def strip_fillers(text: str) -> Core:
    """Greetings and wake words go; other fillers only when words remain ("ok" stays)."""
    greeted = False
    while True:
        before = text
        if (match := _GREETING_WORDS.match(text) or _CALL.match(text)) is not None:
            greeted, text = True, text[match.end() :]
        elif (match := _LEADING.match(text)) is not None and text[match.end() :].strip(_SEPARATORS):
            text = text[match.end() :]
        text = text.lstrip(_SEPARATORS)
        text = (_TRAILING.sub("", text) or text).rstrip(" ,")  # "ok thanks" keeps "thanks"
        if text == before:
            return Core(text, greeted)


def cut(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` without the given spans, with whitespace collapsed."""
    kept: list[str] = []
    position = 0
    for start, end in sorted(spans):
        kept.append(text[position:start])
        position = max(position, end)
    kept.append(text[position:])
    return _SPACES.sub(" ", " ".join(kept)).strip()
