"""Natural-language due dates: a deterministic grammar, with dateparser as a last resort.

Everything is relative to an injected, timezone-aware ``now`` in the user's zone; results are
wall-clock local values (a date, and a time of day or None for an all-day task).

Choices for ambiguous phrases:

- "tonight" is today at 20:00; "morning" 09:00, "afternoon" 15:00, "evening" 18:00,
  "night" 20:00 ("tomorrow morning", "this evening", "friday night", "at night").
- A bare weekday ("friday", "on friday", "this friday") is the next such day, today included;
  with a time that has already passed today it moves a week ahead.
- "next friday" is the first Friday strictly after today (so on a Friday, a week ahead).
- "weekend"/"this weekend" is the coming Saturday (today on a Saturday or Sunday);
  "next weekend" is the Saturday of next week; "next week" is next Monday; "next month" the
  1st of next month; "next year" January 1st.
- "end of (the) week"/"eow" is Friday (the working week), today included; "end of month"/"eom"
  the last day of the current month; "end of year"/"eoy" December 31st.
- An hour without am/pm ("at 5", "seven o'clock", "5:30"): 1-6 means pm, 7-11 am, 12 noon;
  a part of the day overrides this ("tonight at 9" is 21:00). "05:30" and 0/13-23 are literal.
- "midnight" is 00:00 of the date it is attached to; alone, the next midnight (start of tomorrow).
- A time alone ("at 5pm") is today when still ahead of ``now``, otherwise tomorrow.
- "in 2 hours"/"in 30 minutes" count real elapsed time (through UTC), reported as wall clock.
- "on the 15th" is the next 15th (today included), skipping months without that day.
- "jan 20" without a year is the next Jan 20, today included; "1/20" is month/day (US).
- "in 1 month" from Jan 31 is Feb 28 (month arithmetic clamps to the month's end).

``find_due`` searches with the grammar only, in strict mode: "may"/"march" are months only
before a day number, ordinal words need "on the", bare numbers need "at"/am/pm/o'clock, and a
part of the day alone needs "in the"/"at"/"this". A leading "on"/"at" is left out of the match
when the phrase means the same without it (quick add removes such connectors itself).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time

from taskmate.tasks.dates_grammar import Grammar
from taskmate.tasks.dates_lexicon import DAYPARTS, MONTHS, WEEKDAYS
from taskmate.tasks.dates_parts import check_now
from taskmate.tasks.dates_tokens import Tokens, tokenize
from taskmate.tasks.numbers import NUMBER_WORDS

__all__ = ["Due", "DueMatch", "find_due", "parse_due"]


@dataclass(frozen=True, kw_only=True, slots=True)
class Due:
    date: date
    time: time | None
    text: str


@dataclass(frozen=True, kw_only=True, slots=True)
class DueMatch:
    due: Due
    start: int
    end: int


_STARTERS = (
    frozenset(
        {
            "today",
            "tonight",
            "tomorrow",
            "yesterday",
            "day",
            "the",
            "this",
            "next",
            "end",
            "eom",
            "eow",
            "eoy",
            "in",
            "at",
            "on",
            "noon",
            "midday",
            "midnight",
            "half",
            "quarter",
            "weekend",
            "a",
            "an",
        }
    )
    | MONTHS.keys()
    | WEEKDAYS.keys()
    | NUMBER_WORDS
)
_LEADING_CONNECTORS = frozenset({"on", "at", "by", "due", "before"})
_FILLER = frozenset({"at", "on", "in", "by", "due", "before", "the", "of", "a", "an"})
_PAST = re.compile(r"\b(?:ago|last|past|previous|yesterday)\b", re.I)
_TIME_HINT = re.compile(r"\d:\d|\d\s*[ap]\.?m\b|\b(?:noon|midnight|hours?|minutes?)\b", re.I)


def _phrase_at(grammar: Grammar, tokens: Tokens, i: int) -> tuple[int, date, time | None] | None:
    kind = tokens.kinds[i]
    if kind == "bar":
        return None
    word = tokens.words[i]
    if kind == "word" and word not in _STARTERS and (grammar.strict or word not in DAYPARTS):
        return None
    return grammar.phrase(i)


def find_due(text: str, *, now: datetime) -> DueMatch | None:
    """The longest date/time phrase in a sentence (the rightmost among equally long ones)."""
    check_now(now)
    tokens = tokenize(text)
    grammar = Grammar(tokens, now, strict=True)
    best: tuple[int, int, date, time | None] | None = None
    best_len = 0
    for i in range(len(tokens.words)):
        found = _phrase_at(grammar, tokens, i)
        if found is None:
            continue
        length = tokens.ends[found[0] - 1] - tokens.starts[i]
        if length >= best_len:
            best, best_len = (i, *found), length
    if best is None:
        return None
    i, end, day, clock = best
    while tokens.words[i] in ("on", "at") and i + 1 < end:
        shorter = grammar.phrase(i + 1)
        if shorter is None or shorter != (end, day, clock):
            break
        i += 1
    start, stop = tokens.starts[i], tokens.ends[end - 1]
    return DueMatch(due=Due(date=day, time=clock, text=text[start:stop]), start=start, end=stop)


def parse_due(text: str, *, now: datetime) -> Due | None:
    """The whole ``text`` as a date phrase ("tomorrow 5pm", "by friday"), or None.

    ``Due.text`` is ``text`` stripped of surrounding whitespace.
    """
    check_now(now)
    phrase = text.strip()
    tokens = tokenize(phrase)
    count = len(tokens.words)
    if count == 0:
        return None
    grammar = Grammar(tokens, now, strict=False)
    for i in range(count):
        found = _phrase_at(grammar, tokens, i)
        if found is not None and found[0] == count:
            return Due(date=found[1], time=found[2], text=phrase)
        if tokens.words[i] not in _LEADING_CONNECTORS:
            break
    return _fallback(phrase, tokens, now)


def _fallback(phrase: str, tokens: Tokens, now: datetime) -> Due | None:
    """dateparser, for whole phrases the grammar does not know ("2 weeks and 3 days").

    Only for two or more meaningful words, and never into the past unless asked ("ago",
    "last"): on a lone word or number dateparser guesses wildly ("5" -> May 15).
    """
    meaningful = [word for word in tokens.words if word not in _FILLER]
    if len(meaningful) < 2 or not any(word.isalpha() for word in meaningful):
        return None
    import dateparser  # slow to import, and rarely needed

    base = now.replace(tzinfo=None)
    settings = {
        "PREFER_DATES_FROM": "future",
        "RELATIVE_BASE": base,
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    found = dateparser.parse(phrase, languages=["en"], settings=settings)
    if found is None or (found.date() < now.date() and not _PAST.search(phrase)):
        return None
    clock: time | None = time(found.hour, found.minute)
    if not _TIME_HINT.search(phrase) and clock in (time(0, 0), time(base.hour, base.minute)):
        clock = None
    return Due(date=found.date(), time=clock, text=phrase)
