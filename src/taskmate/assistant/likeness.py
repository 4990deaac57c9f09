"""Which of the user's names (task titles, list names) a name they typed points at.

Names are compared by their key words: lower case, singular, without determiners and generic
nouns ("the dentist one" -> "dentist", "my groceries list" -> "grocery"). Three tiers, the
first that finds anything wins:

1. The same key words: "Groceries" for "grocery", "Shopping" for "shopping list".
2. Every key word found in the name, spelt alike ("dentist" in "Dentist appointment",
   "dentsit" too, "hair" in "haircut").
3. Alike in meaning: the mean of the sentence embeddings' cosine and of the key words' best
   fits (1 for a word spelt alike, else the words' cosine) reaches ``MATCH_LEVEL``, so "call
   mum" finds "call mom" but "call mom" never finds "call bob". Names within ``CLOSE`` of the
   best are all returned: the caller asks which.

Tier 3 embeds the names in one batch, and the key words of the ``POOL`` nearest ones.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from taskmate.assistant.interpreter.lexicon import DETERMINERS, GENERIC_NOUNS, words
from taskmate.assistant.interpreter.spelling import edit_distance
from taskmate.assistant.understanding.embedding import embed

MATCH_LEVEL = 0.65
CLOSE = 0.05
POOL = 20
_NOT_KEY = DETERMINERS | GENERIC_NOUNS | words("project projects folder folders")
_WORD = re.compile(r"[^\W_][\w'&-]*")
Vector = npt.NDArray[np.float32]


def _singular(word: str) -> str:
    word = word.removesuffix("'s")
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("xes", "ches", "shes", "sses")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def key_words(name: str) -> tuple[str, ...]:
    found = (word for word in _WORD.findall(name.casefold()) if word not in _NOT_KEY)
    return tuple(_singular(word) for word in found)


def _typos(word: str) -> int:
    """How many edits a typo of ``word`` may hold: none below five letters ("mom", "tom")."""
    return 0 if len(word) < 5 else 1 if len(word) < 9 else 2


def _alike(wanted: str, word: str) -> bool:
    """Spelt alike: the same, a typo of it ("dentsit"), or a part of a compound ("hair" in
    "haircut", but not "rent" in "parent")."""
    if wanted == word:
        return True
    shorter, longer = sorted((wanted, word), key=len)
    if len(shorter) >= 4 and len(longer) - len(shorter) >= 3:
        return longer.startswith(shorter) or longer.endswith(shorter)
    limit = _typos(wanted)
    return limit > 0 and edit_distance(wanted, word, limit) <= limit


def _found(wanted: tuple[str, ...], name: tuple[str, ...]) -> bool:
    return all(any(_alike(word, other) for other in name) for word in wanted)


def same_name(wanted: str, name: str) -> bool:
    """``name`` has the key words ``wanted`` has (and no others)."""
    keys = key_words(wanted)
    return bool(keys) and keys == key_words(name)


def closest(wanted: str, names: Sequence[str], *, every: bool = False) -> list[int]:
    """The positions in ``names`` of the best fits for ``wanted``, best first; none when no
    name fits well enough. ``every`` skips the first tier: all names with the key words in
    them, not only those with nothing else ("all my call tasks")."""
    keys = key_words(wanted)
    if not keys:
        return []
    named = [key_words(name) for name in names]
    if not every and (same := [index for index, name in enumerate(named) if name == keys]):
        return same
    if found := [index for index, name in enumerate(named) if name and _found(keys, name)]:
        return found
    return _alike_in_meaning(keys, named)


def _alike_in_meaning(keys: tuple[str, ...], named: list[tuple[str, ...]]) -> list[int]:
    if not named:
        return []
    texts = [" ".join(name) for name in named]
    whole = embed([" ".join(keys), *texts])
    phrase = whole[1:] @ whole[0]
    pool = [int(index) for index in np.argsort(-phrase)[:POOL] if named[index]]
    vocabulary = sorted({*keys, *(word for index in pool for word in named[index])})
    vectors = dict(zip(vocabulary, embed(vocabulary), strict=True))
    scores: dict[int, float] = {}
    for index in pool:
        fits = [max(_fit(key, word, vectors) for word in named[index]) for key in keys]
        scores[index] = (float(phrase[index]) + max(0.0, sum(fits) / len(fits))) / 2
    best = max(scores.values(), default=0.0)
    if best < MATCH_LEVEL:
        return []
    near = [index for index, score in scores.items() if score >= best - CLOSE]
    return sorted(near, key=lambda index: -scores[index])


def _fit(key: str, word: str, vectors: dict[str, Vector]) -> float:
    return 1.0 if _alike(key, word) else float(vectors[key] @ vectors[word])
