"""Which tasks a command points at, as written: ids ("#3", "task 3"), a position in the list
shown last ("the second one", "item 3", "the last one"), the tasks talked about ("it",
"that one"), everything matching ("all my meetings tomorrow"), or title words ("the dentist
one"), narrowed by a date and a list."""

from __future__ import annotations

import re
from datetime import datetime

from taskmate.assistant.interpreter.containers import find_container
from taskmate.assistant.interpreter.intents import DateRange, TaskRef
from taskmate.assistant.interpreter.lexicon import ANAPHORA, DETERMINERS, GENERIC_NOUNS, words
from taskmate.assistant.interpreter.normalise import cut
from taskmate.assistant.interpreter.periods import find_period
from taskmate.tasks.numbers import read_cardinal, read_ordinal

_NUMBER = r"(?:\d+|[a-z]+(?: [a-z]+)?)"
_IDS = re.compile(
    rf"(?:#|\b(?:tasks?|ids?) (?:number |no\.? |#)?)(?P<first>{_NUMBER})"
    rf"(?P<more>(?:(?:,| and| &|,? and) #?{_NUMBER})*)",
    re.I,
)
_NOUNS = (
    r"(?:one|ones|task|item|thing|line|entry|event|reminder|todo|to-do|on the list|in the list)"
)
_NUMBERED = re.compile(rf"\b(?:item|number|no\.?|line|entry|row) (?P<n>{_NUMBER})\b", re.I)
_ORDINAL = (
    r"(?P<ord>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th)"
    r"|last|final|latest|next)"
)
_POSITION_NAMED = re.compile(rf"(?:\bthe )?\b{_ORDINAL} {_NOUNS}\b", re.I)
_POSITION = re.compile(rf"(?<!\bon the )(?<!\bon )(?<!\bof the )(?:\bthe )?\b{_ORDINAL}\b", re.I)
_ALL = re.compile(r"\b(?:all|every|everything|each|entire|whole|completely|both)\b", re.I)
_COLLECTIVE = re.compile(
    r"\b(?:schedule|calendar|agenda|diary|list|events|tasks|items|reminders|things|todos"
    r"|entries|data|activities|plans)\b",
    re.I,
)
_WORD = re.compile(r"[\w'&#@-]+")
_BRIDGES = words("from on in at for with off of as to and")
_NOT_TITLE = DETERMINERS | GENERIC_NOUNS | ANAPHORA


def _number(text: str) -> int | None:
    tokens = text.lower().split()
    found = read_cardinal(tokens, 0)
    return found[0] if found is not None and found[1] == len(tokens) else None


def _ids(match: re.Match[str]) -> tuple[int, ...]:
    found: list[int] = []
    for part in re.split(r",|\band\b|&", match.group(0).lower()):
        digits = re.sub(r"^\W*(?:tasks?|ids?)?\W*(?:number|no\.?)?\W*#?", "", part.strip())
        value = _number(digits)
        if value is not None:
            found.append(value)
    return tuple(found)


def _ordinal(word: str) -> int | None:
    word = word.lower()
    if word in ("last", "final", "latest"):
        return -1
    if word == "next":
        return 1
    ordinal = read_ordinal([word], 0)
    return ordinal[0] if ordinal is not None else None


def _named_position(phrase: str) -> tuple[int | None, str]:
    """ "the second one", "item 3", "the last line", and the phrase without it."""
    match = _NUMBERED.search(phrase) or _POSITION_NAMED.search(phrase)
    if match is None:
        return None, phrase
    groups = match.groupdict()
    position = _number(groups["n"]) if groups.get("n") else _ordinal(groups.get("ord") or "")
    return position, phrase if position is None else cut(phrase, [match.span()])


def _bare_position(phrase: str) -> tuple[int | None, str]:
    """ "the second", "last", or a number alone, and the phrase without it."""
    if (match := _POSITION.search(phrase)) is not None:
        return _ordinal(match["ord"]), cut(phrase, [match.span()])
    if (number := _number(phrase.strip(" #."))) is not None:
        return number, ""
    return None, phrase


def _title_words(text: str) -> str | None:
    keep = [word for word in _WORD.findall(text) if word.lower() not in _NOT_TITLE]
    while keep and keep[0].lower() in _BRIDGES:
        keep.pop(0)
    while keep and keep[-1].lower() in _BRIDGES:
        keep.pop()
    return " ".join(keep) or None


def read_reference(phrase: str, *, now: datetime, every: bool = False) -> TaskRef:
    """``phrase`` is the command without its verb: "the dentist one", "milk from my list".
    ``every`` when the verb itself means everything ("clear my calendar")."""
    container = find_container(phrase)
    project = container.project if container else None
    if container is not None:
        phrase = cut(phrase, [container.span])
    if (ids := _IDS.search(phrase)) is not None and (found_ids := _ids(ids)):
        return TaskRef(kind="ids", ids=found_ids, project=project)
    upcoming = re.search(r"\bnext\b", phrase, re.I) is not None
    position, phrase = _named_position(phrase)
    when: DateRange | None = None
    if (period := find_period(phrase, now=now)) is not None:
        when, phrase = period.when, cut(phrase, list(period.spans))
    if position is None:
        position, phrase = _bare_position(phrase)
    if position == 1 and upcoming and when is None:
        when = DateRange(start=now.date(), end=None, text="next")
    title = _title_words(_ALL.sub(" ", phrase))
    every = every or bool(_ALL.search(phrase) or (title is None and _COLLECTIVE.search(phrase)))
    if position is not None:
        return TaskRef(kind="position", position=position, title=title, when=when, project=project)
    if every:
        return TaskRef(kind="all", title=title, when=when, project=project)
    if title is None and when is None and project is None:
        return TaskRef(kind="previous")
    return TaskRef(kind="match", title=title, when=when, project=project)
