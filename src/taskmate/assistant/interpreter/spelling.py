"""Typos and shorthand in the words that carry a command, put right before anything reads it.

"ad tsk pay rent nxt monday" -> "add task pay rent next monday", "shwo my tasks" -> "show my
tasks", "mark laundry as dnoe" -> "mark laundry as done". Three kinds of repair:

- Shorthand (``SHORTHAND``: "tmrw", "nxt", "2moro", "rmv") is expanded wherever it stands.
  Weekday abbreviations ("fri") are expanded only where a date is plainly meant ("nxt fri
  3pm", "every mon at 9"), so "mon ami" and "wed anniversary" keep their words.
- A misspelt command word ("delte", "remidn", "shwo") is corrected where a command starts: the
  first word after any opening politeness. "ad" becomes "add" there too, unless the next word
  makes it an advert ("ad campaign review").
- A misspelt date or command noun ("wendesday", "tomorow", "dnoe", "lsit") is corrected
  anywhere.

Corrections use the Damerau-Levenshtein distance (a swap of two neighbours counts once) to a
closed vocabulary, only for words of three letters or more that are not English words
themselves (``english_neighbours.txt``), and only when one vocabulary word is nearest. Words inside
double quotes, ``#tags``, ``@labels`` and words with digits (other than the shorthand) stay as
typed; a corrected word keeps the typed word's capitals.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.resources import files

from taskmate.assistant.interpreter.lexicon import words
from taskmate.tasks.dates_lexicon import ALIASES, MONTHS, WEEKDAYS

SHORTHAND: dict[str, str] = {
    "tmrw": "tomorrow",
    "tmr": "tomorrow",
    "tmrow": "tomorrow",
    "tmrrw": "tomorrow",
    "tmw": "tomorrow",
    "tomoz": "tomorrow",
    "2moro": "tomorrow",
    "2morow": "tomorrow",
    "2morrow": "tomorrow",
    "2mrw": "tomorrow",
    "tonite": "tonight",
    "2nite": "tonight",
    "2night": "tonight",
    "2day": "today",
    "tdy": "today",
    "nxt": "next",
    "wk": "week",
    "wks": "weeks",
    "wknd": "weekend",
    "pls": "please",
    "plz": "please",
    "thx": "thanks",
    "tsk": "task",
    "tsks": "tasks",
    "rmd": "remind",
    "rmdr": "reminder",
    "rmv": "remove",
    "wat": "what",
    "wats": "whats",
    "wat's": "what's",
    "u": "you",
    "ur": "your",
}
_WEEKDAY_SHORTHAND: dict[str, str] = {
    "mon": "monday",
    "tue": "tuesday",
    "tues": "tuesday",
    "wed": "wednesday",
    "weds": "wednesday",
    "thu": "thursday",
    "thur": "thursday",
    "thurs": "thursday",
    "fri": "friday",
    "sat": "saturday",
    "sun": "sunday",
}
# Words before a weekday that make it a date: "next fri", "every mon", "by thu".
_DATE_BEFORE = words("next this last every each on by until till before after due from coming")
# Words after a weekday that make it a date: "fri 3pm", "mon at 9", "sat morning".
_DATE_AFTER = re.compile(
    r"[ ,]*(?:\d|at\b|@|noon\b|midnight\b|morning\b|afternoon\b|evening\b|night\b|am\b|pm\b"
    r"|and (?:mon|tue|wed|thu|fri|sat|sun))",
    re.I,
)
COMMAND_WORDS = words(
    "add remind delete remove show mark complete rename move reschedule postpone create "
    "make find search cancel change update schedule clear finish reopen undo display tell "
    "give check list what what's when which where erase edit shift push"
)
ANYWHERE_WORDS = words(
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "june july august september october november december today tomorrow tonight next week "
    "weekend weekly daily monthly yearly morning afternoon evening midnight month task "
    "tasks list lists project projects done reminder reminders"
)
_VOCABULARY = COMMAND_WORDS | ANYWHERE_WORDS
# Words starting a command that are not the command: "please", "can you", "hey olly".
_OPENERS = words(
    "please pls plz kindly ok okay hey hi hello so now just also and can could would will "
    "you u i want need to wanna go ahead quickly oh um uh olly alexa siri google cortana "
    "assistant taskmate computer bot"
)
# Nouns after which a first "ad" is an advert, not "add": "ad campaign review".
_ADVERT_NOUNS = words(
    "campaign campaigns copy agency budget budgets spend revenue space banner banners sales "
    "network account creative placement slot slots design text blocker blockers hoc words "
    "sense sets set group groups manager team click clicks impressions rates tracking "
    "server platform"
)
ENGLISH_NEIGHBOURS = frozenset(
    word
    for line in files(__package__).joinpath("english_neighbours.txt").read_text().splitlines()
    if not line.startswith("#")
    for word in line.split()
)
_DATE_WORDS = frozenset(MONTHS) | frozenset(WEEKDAYS) | frozenset(ALIASES)
_WORD = re.compile(r"(?<![#@\w])[^\W_][\w']*")
_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”")


def edit_distance(a: str, b: str, limit: int) -> int:
    """The Damerau-Levenshtein distance (restricted: each letter moves once), or ``limit +
    1`` when it is larger than ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] = []
    row = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        before, row = row, current
    return row[-1]


def _allowed(word: str) -> int:
    """How many edits a typo of this length may hold."""
    return 2 if len(word) >= 9 else 1


def _deletions(word: str, count: int) -> set[str]:
    """``word`` with up to ``count`` letters taken out."""
    found = {word}
    for _ in range(count):
        found |= {variant[:i] + variant[i + 1 :] for variant in found for i in range(len(variant))}
    return found


def _index(vocabulary: frozenset[str]) -> dict[str, frozenset[str]]:
    """Each vocabulary word under its variants with up to two letters taken out: a word within
    ``n`` edits of it shares a variant with at most ``n`` letters taken out of each."""
    index: dict[str, set[str]] = {}
    for known in vocabulary:
        for variant in _deletions(known, 2):
            index.setdefault(variant, set()).add(known)
    return {variant: frozenset(words) for variant, words in index.items()}


_INDEX = _index(_VOCABULARY)
_PREFIXES = tuple(_VOCABULARY)


def _known(word: str) -> bool:
    """A real word, or a vocabulary word with an ending ("shows", "mondays", "reminded")."""
    return word in ENGLISH_NEIGHBOURS or word in _DATE_WORDS or word.startswith(_PREFIXES)


@lru_cache(maxsize=4096)
def _nearest(word: str, *, leading: bool) -> str | None:
    """The one vocabulary word closest to ``word`` (lower case), if close enough: any command
    word when ``leading``, else a date word or command noun."""
    if len(word) < 3 or not word.isalpha() or _known(word):
        return None
    limit = _allowed(word)
    vocabulary = _VOCABULARY if leading else ANYWHERE_WORDS
    candidates = {
        known
        for variant in _deletions(word, limit)
        for known in _INDEX.get(variant, ())
        if known in vocabulary
    }
    scored = sorted((edit_distance(word, known, limit), known) for known in candidates)
    if not scored or scored[0][0] > limit:
        return None
    best = [known for distance, known in scored if distance == scored[0][0]]
    return best[0] if len(best) == 1 else None


def _cased(typed: str, word: str) -> str:
    if typed.isupper() and len(typed) > 1:
        return word.upper()
    return word.capitalize() if typed[0].isupper() else word


def _weekday(tokens: list[str], index: int, text: str, end: int) -> str | None:
    """The weekday an abbreviation (``tokens[index]``, ending at ``end`` in ``text``) stands
    for where a date is plainly meant."""
    full = _WEEKDAY_SHORTHAND.get(tokens[index])
    if full is None:
        return None
    previous = tokens[index - 1] if index > 0 else ""
    if previous in _DATE_BEFORE or _DATE_AFTER.match(text, end):
        return full
    return None


def _replacement(
    tokens: list[str], index: int, text: str, end: int, *, leading: bool
) -> str | None:
    word = tokens[index]
    if word in SHORTHAND:
        return SHORTHAND[word]
    if (weekday := _weekday(tokens, index, text, end)) is not None:
        return weekday
    if leading and word == "ad":
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        return None if following in _ADVERT_NOUNS else "add"
    if not leading and len(word) < 4:
        return None
    return _nearest(word, leading=leading)


def correct(text: str) -> str:
    """``text`` with its command words spelt out and spelt right."""
    quoted = [match.span() for match in _QUOTED.finditer(text)]
    matches = [
        match
        for match in _WORD.finditer(text)
        if not any(start <= match.start() < end for start, end in quoted)
    ]
    tokens = [match.group().lower() for match in matches]
    pieces: list[str] = []
    position = 0
    opening = True
    for index, match in enumerate(matches):
        leading = opening and tokens[index] not in _OPENERS
        opening = opening and not leading
        replacement = _replacement(tokens, index, text, match.end(), leading=leading)
        if replacement is not None:
            pieces += [text[position : match.start()], _cased(match.group(), replacement)]
            position = match.end()
    return "".join([*pieces, text[position:]])
