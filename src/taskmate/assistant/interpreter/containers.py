"""Lists, calendars and projects named in a command: "to my grocery list" (project
"grocery"), "on the calendar" and "to my to-do list" (no project: the inbox), "in project
work", and after "add"/"put" a bare name at the end ("add milk to groceries")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from taskmate.assistant.interpreter.lexicon import ANAPHORA, DEFAULT_LISTS, GENERIC_NOUNS, words

Span = tuple[int, int]

_NAME_WORD = r"(?!(?:to(?! do\b)|on|in|into|from|off|of|at|for|my|the|a|an|and|with)\b)[\w'&-]+"
_NAME = rf"{_NAME_WORD}(?: {_NAME_WORD}){{0,2}}?"
_CALENDARS = words("calendar calender schedule agenda diary planner")
_CONTAINER = re.compile(
    r"\b(?:to(?! do\b)|on|in|into|onto|under|from|off|off of|out of) "
    r"(?:(?:my|the|a|an|our|this|that|your) )?(?:new )?"
    rf"(?:(?P<before>{_NAME}) )??"
    r"(?P<kind>list|project|folder|calendar|calender|schedule|agenda|diary|planner)s?\b"
    rf"(?: (?:called|named|titled) (?P<after>{_NAME})$)?",
    re.I,
)
_PROJECT_FIRST = re.compile(
    rf"\b(?:to|on|in|into|onto|under) (?:the )?(?:project|list)(?: called| named| titled)?"
    rf" (?P<name>{_NAME})$",
    re.I,
)
_BARE = re.compile(r"\b(?:to|on|in|into|onto) (?:(?:my|the|our) )?(?P<name>[\w'&-]+)$", re.I)
_NOT_NAMES = ANAPHORA | GENERIC_NOUNS | words("me you him her us do go be see get buy call pay")


@dataclass(frozen=True, slots=True)
class Container:
    project: str | None  # None: the calendar or the default list
    span: Span
    kind: Literal["list", "calendar"] = "list"


def project_name(name: str | None) -> str | None:
    """The project a list name stands for; None for the default list ("my to do list")."""
    if name is None:
        return None
    name = re.sub(r"^(?:(?:my|the|our|a|an) )+", "", name.strip(), flags=re.I)
    return None if not name or name.lower() in DEFAULT_LISTS else name


def find_container(text: str) -> Container | None:
    """A list, calendar or project named with a preposition, anywhere in ``text``."""
    if (match := _PROJECT_FIRST.search(text)) is not None:
        return Container(project_name(match["name"]), match.span())
    match = _CONTAINER.search(text)
    if match is None:
        return None
    if match["kind"].lower().rstrip("s") in _CALENDARS:
        return Container(None, match.span(), "calendar")
    return Container(project_name(match["after"] or match["before"]), match.span())


def bare_project(text: str) -> Container | None:
    """A name ending the text after "to"/"on"/"in": "milk, eggs and bread to groceries"."""
    match = _BARE.search(text)
    if match is None or match["name"].lower() in _NOT_NAMES or match.start() == 0:
        return None
    return Container(project_name(match["name"]), match.span())


_LIST_ITSELF = re.compile(
    r"^(?:(?:the|my|a|an|this|that|our|your|entire|whole|complete) )*"
    rf"(?:(?P<before>{_NAME_WORD}(?: {_NAME_WORD}){{0,3}}?) )??(?:list|project)"
    r"(?: (?:(?:called|named|titled|of|for) )?(?P<after>(?!(?:from|on|in|at|to|off)\b).+))?$",
    re.I,
)


def list_itself(phrase: str) -> tuple[bool, str | None]:
    """Whether ``phrase`` names a list rather than tasks ("the shopping list", "a list of
    things to do", "this list"), and the project it names (None: this or the default list)."""
    match = _LIST_ITSELF.match(phrase.strip())
    if match is None:
        return False, None
    return True, project_name(match["after"] or match["before"])
