"""Reading a typed message as the answer to the assistant's pending choice.

"yes", "sure, delete it", "yep go ahead" pick the choice's one option besides ``cancel``;
"no keep it", "nope", "cancel" pick ``cancel``; an option's label ("Keep"), its place among
the options but ``cancel`` ("the second one", "2", "the last one") or words found in exactly
one label ("call bob") pick that option. A
message with any other word ("delete milk") answers nothing: it is a new request, and the
choice expires.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import partial

from taskmate.assistant.interpreter.lexicon import words
from taskmate.chat.responder import ChoiceOption, TypedAnswer
from taskmate.tasks.numbers import read_cardinal, read_ordinal

CANCEL_ID = "cancel"

_WORD = re.compile(r"[\w']+")
_YES = words(
    "yes yeah yea yep yup ya sure ok okay k y confirm confirmed correct right absolutely"
    " definitely fine alright proceed course agreed affirmative"
)
_NO = words(
    "no nope nah n cancel keep don't dont not stop never nevermind mind leave forget wait negative"
)
# Words that go with either answer: "go ahead and delete it", "no, leave it as it is".
_NEUTRAL = words(
    "please pls go ahead do it that this them those one ones of and delete remove add create"
    " just thanks thank you as is are the task tasks really want to i that's"
)
_POINTERS = words("the one option number no please")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold().replace("’", "'"))


def _yes_or_no(words: Sequence[str]) -> bool | None:
    """True for a yes, False for a no, None when the words say more than that."""
    if not words or any(word not in _YES | _NO | _NEUTRAL for word in words):
        return None
    if any(word in _NO for word in words):
        return False
    if any(word in _YES for word in words) or words[0] in ("delete", "remove", "add", "do"):
        return True
    return None


def _place(words: Sequence[str], count: int) -> int | None:
    """ "the second one", "2", "number two": a 1-based place among ``count`` options."""
    rest = [word for word in words if word not in _POINTERS]
    if len(rest) != 1:
        return None
    word = rest[0]
    if word.isdigit():
        found: int | None = int(word)
    elif word in ("last", "final"):
        found = count
    else:
        ordinal = read_ordinal([word], 0) or read_cardinal([word], 0)
        found = ordinal[0] if ordinal is not None else None
    return found if found is not None and 1 <= found <= count else None


def read_typed_answer(options: Sequence[ChoiceOption], text: str) -> str | None:
    """The id of the option ``text`` picks, or None when it is not an answer."""
    wanted = " ".join(_words(text))
    if not wanted:
        return None
    for option in options:
        if " ".join(_words(option.label)) == wanted:
            return option.id
    words = wanted.split()
    answer = _yes_or_no(words)
    others = [option for option in options if option.id != CANCEL_ID]
    if answer is False:
        return CANCEL_ID if len(others) < len(options) else None
    if answer is True:
        return others[0].id if len(others) == 1 else None
    if (place := _place(words, len(others))) is not None:
        return others[place - 1].id
    containing = [option for option in others if wanted in " ".join(_words(option.label))]
    return containing[0].id if len(containing) == 1 and len(wanted) >= 3 else None


def typed_answers(options: Sequence[ChoiceOption]) -> TypedAnswer:
    """A ``Choice.reads`` for these options."""
    return partial(read_typed_answer, tuple(options))
