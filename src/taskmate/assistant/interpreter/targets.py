"""Commands about existing tasks as a whole: completing ("mark the dentist one as done",
"I finished #3", "tick off milk"), reopening ("#3 isn't done") and removing ("delete the
second one", "take milk off my grocery list", "clear my schedule for today", "delete the
shopping list")."""

from __future__ import annotations

import re
from datetime import datetime

from taskmate.assistant.interpreter.containers import list_itself
from taskmate.assistant.interpreter.intents import (
    CompleteTasks,
    DeleteProject,
    DeleteTasks,
    ReopenTasks,
    TaskRef,
)
from taskmate.assistant.interpreter.references import read_reference

_DONE = r"(?:done|complete|completed|finished|checked|ticked|taken care of|sorted|handled)"
_COMPLETION_WORDS = re.compile(
    r"^(?:(?:i|we) (?:have |'ve |just |already |finally )*)?(?:mark(?:ed)?|set|flag"
    r"|tick(?:ed)?(?: off)?|check(?:ed)?(?: off)?|cross(?:ed)? off|complete(?:d)?|finish(?:ed)?"
    r"|close|resolve|done(?: with)?|did)\b"
    rf"|\b(?:as )?{_DONE}$"
    rf"|\b(?:is|are|was|were|'s|'re) (?:now |all |already )?{_DONE}$"
    r"|\boff(?: (?:my|the) list)?$",
    re.I,
)
_REOPENING_WORDS = re.compile(
    r"^(?:reopen|re-open|unfinish|uncomplete|un-complete|uncheck|untick|unmark|put|bring|move"
    r"|mark|set|flag|open)\b"
    r"|^(?:actually |oh |wait )?(?:i|we) (?:didn't|did not|haven't|have not|never) (?:actually )?"
    r"(?:finish|finished|do|done|complete|completed)\b"
    r"|\b(?:as )?(?:not done|undone|incomplete|not complete|not completed|not finished"
    r"|unfinished|open again|again|open)$"
    r"|\b(?:isn't|is not|wasn't|was not|aren't|are not) (?:yet |really )?(?:done|finished"
    r"|complete|completed)(?: yet| after all)?$"
    r"|\bback(?: (?:on|to|in|into) (?:my |the )?(?:list|open|to ?do|tasks))?$",
    re.I,
)
_REMOVAL = re.compile(
    r"\b(?P<verb>delete|remove|cancel|drop|clear|erase|trash|discard|wipe|scrap|scratch|purge"
    r"|get rid of|eliminate|forget(?: about)?|kill|nuke|ditch|strike|rub out|take out|take"
    r"|cross out|cross off|cross|empty|clean|make blank on|make blank)\b",
    re.I,
)
_UNWANTED = re.compile(r"^(?:i|we) (?:don't|do not|dont|no longer) (?:want|need)\b", re.I)
_REMOVAL_TAIL = re.compile(
    r"\b(?:any ?more|any longer|completely|clean|clear|(?:and )?refresh|please"
    r"|(?:is|are|was|were|has been|have been) (?:now |been )?(?:cancell?ed|called off))$",
    re.I,
)
_EVERYTHING_VERBS = frozenset({"clear", "wipe", "empty", "clean", "make blank on", "make blank"})


def _strip(pattern: re.Pattern[str], phrase: str) -> str:
    while (stripped := pattern.sub("", phrase, count=1).strip(" ,")) != phrase:
        phrase = stripped
    return phrase


def read_completion(command: str, *, now: datetime) -> CompleteTasks:
    return CompleteTasks(target=read_reference(_strip(_COMPLETION_WORDS, command), now=now))


def read_reopening(command: str, *, now: datetime) -> ReopenTasks:
    return ReopenTasks(target=read_reference(_strip(_REOPENING_WORDS, command), now=now))


def read_removal(command: str, *, now: datetime) -> DeleteTasks | DeleteProject:
    verb = ""
    if (unwanted := _UNWANTED.match(command)) is not None:
        phrase = command[unwanted.end() :]
    elif (removal := _REMOVAL.search(command)) is not None:
        verb = removal["verb"].lower()
        phrase = command[removal.end() :].strip() or command[: removal.start()]
    else:
        phrase = command
    phrase = _strip(_REMOVAL_TAIL, phrase.strip(" ,"))
    every = verb in _EVERYTHING_VERBS
    is_list, name = list_itself(phrase)
    if is_list and every:  # "clear my shopping list" empties it
        return DeleteTasks(target=TaskRef(kind="all", project=name))
    if is_list:
        return DeleteProject(name=name)
    return DeleteTasks(target=read_reference(phrase, now=now, every=every))
