"""Searches: "what's on my shopping list", "do I have meetings tomorrow", "what's overdue",
"what did I finish this week", and "what lists do I have" (the projects themselves).

``FindTasks.text`` keeps the words that are neither question words nor generic nouns
("meetings", "eggs"), made singular so that a substring match finds both forms.
"""

from __future__ import annotations

import re
from datetime import datetime

from taskmate.assistant.interpreter.containers import find_container, list_itself
from taskmate.assistant.interpreter.intents import DateRange, FindTasks, ListProjects, TaskStatus
from taskmate.assistant.interpreter.lexicon import (
    ANAPHORA,
    DETERMINERS,
    GENERIC_NOUNS,
    QUESTION_WORDS,
)
from taskmate.assistant.interpreter.normalise import cut
from taskmate.assistant.interpreter.periods import find_period

_PROJECTS = re.compile(
    r"(?<!\bon )(?<!\bin )(?<!\bon my )(?<!\bin my )(?<!\bon the )(?<!\bin the )"
    r"\b(?:lists|projects)\b",
    re.I,
)
_DONE = re.compile(
    r"\b(?:done|completed|complete|finished|ticked off|checked off|crossed off)\b"
    r"|\b(?:did|have) (?:i|we) (?:do|did|done|finish|finished|complete|completed)\b",
    re.I,
)
_EVERY_STATUS = re.compile(
    r"\b(?:including|incl|with|and) (?:the )?(?:done|completed|finished)(?: ones)?\b"
    r"|\b(?:done|completed|finished) (?:or|and) (?:not|open|undone)\b",
    re.I,
)
_SHOW_LIST = re.compile(
    r"^(?:show|list|display|view|open|read|see|check|pull up|bring up|give|get)(?: me)? (?=.)",
    re.I,
)
_OVERDUE = re.compile(r"\b(?:overdue|past due|late|missed|behind)\b", re.I)
_LABEL = re.compile(
    r"(?<!\S)@(?P<tag>[\w-]+)|\b(?:labell?ed|tagged|with (?:the )?(?:label|tag)) (?P<word>[\w-]+)",
    re.I,
)
# "what reminders do I have", "any alerts today", "when is my next reminder"; a "reminder list"
# is a list of tasks.
_REMINDERS = re.compile(
    r"\b(?:reminders?|alerts?|notifications?)\b(?! list)(?<!\blist of reminders)", re.I
)
_HASHTAG = re.compile(r"(?<!\S)#(?P<name>[\w-]*[^\W\d][\w-]*)")
_WORD = re.compile(r"[\w'&-]+")
_SKIP = QUESTION_WORDS | DETERMINERS | GENERIC_NOUNS | ANAPHORA


def _singular(word: str) -> str:
    word = word.removesuffix("'s").removesuffix("’s")
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _shown_list(command: str) -> str | None:
    """The list a "show my errands list" names, else None."""
    shown = _SHOW_LIST.match(command)
    if shown is None:
        return None
    is_list, name = list_itself(command[shown.end() :])
    return name if is_list else None


def _status(text: str) -> TaskStatus:
    if _EVERY_STATUS.search(text):
        return "all"
    return "done" if _DONE.search(text) else "open"


def read_search(command: str, *, now: datetime) -> FindTasks | ListProjects:
    if _PROJECTS.search(command):
        return ListProjects()
    spans: list[tuple[int, int]] = []
    project: str | None = None
    if (tag := _HASHTAG.search(command)) is not None:
        project = tag["name"]
        spans.append(tag.span())
    elif (container := find_container(command)) is not None:
        project = container.project
        spans.append(container.span)
    elif (shown := _shown_list(command)) is not None:  # "show my errands list"
        project = shown
        spans.append((0, len(command)))
    label = None
    if (labelled := _LABEL.search(command)) is not None:
        label = labelled["tag"] or labelled["word"]
        spans.append(labelled.span())
    rest = cut(command, spans)
    when: DateRange | None = None
    if (period := find_period(rest, now=now)) is not None:
        when, rest = period.when, cut(rest, list(period.spans))
    status = _status(rest)
    overdue = _OVERDUE.search(rest) is not None
    for pattern in (_EVERY_STATUS, _DONE, _OVERDUE):
        rest = pattern.sub(" ", rest)
    words = [_singular(word) for word in _WORD.findall(rest.lower()) if word not in _SKIP]
    return FindTasks(
        text=" ".join(words) or None,
        when=when,
        overdue=overdue,
        project=project,
        label=label,
        status=status,
        reminders=status == "open" and _REMINDERS.search(command) is not None,
    )
