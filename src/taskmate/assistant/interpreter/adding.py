"""New tasks from a command: "remind me to call mom tomorrow at 5", "add milk, eggs and bread
to groceries", "schedule a meeting with bob on friday at 3pm #work p2".

The command words go ("remind me to", "set a reminder for", "i need to"), then the list or
calendar named ("to my grocery list" -> project "grocery"), then each item is read like quick
add (``#project``, ``@label``, ``p1``, text in double quotes kept as is) with the dates found
by ``when.find_schedule``. Several items are split on commas and "and" only after a list verb
("add", "put", "include") and only with a comma, a named list, or when each item is an action
("add pay rent and renew passport"): "remind me to call mom and dad" stays one task. A date
after the last item applies to every item without its own.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime

from taskmate.assistant.interpreter.containers import (
    Container,
    bare_project,
    find_container,
    project_name,
)
from taskmate.assistant.interpreter.intents import AddProject, AddTasks, NewTask, Reminder
from taskmate.assistant.interpreter.lexicon import PLACEHOLDERS, TODO_VERBS, words
from taskmate.assistant.interpreter.normalise import cut
from taskmate.assistant.interpreter.priorities import find_priority
from taskmate.assistant.interpreter.when import Schedule, find_schedule, masked
from taskmate.tasks.quickadd import parse_quick_add

_HEAD = (
    r"(?:reminders?|remainders?|alarms?|timers?|notifications?|alerts?|notes?|events?|entry"
    r"|entries|tasks?|to-?dos?|items?|info|calendar entry|calendar event)"
)
_VERB = (
    r"(?P<verb>add|put|insert|include|append|enter|jot down|jot|write down|note down|note"
    r"|pencil in|log|save|schedule|book|arrange|organi[sz]e|plan|set up|setup|set|create|make"
    r"|new|start|mark|flag|block|keep|give me|send me)"
)
_ARTICLE = r"(?: me| us)?(?: (?:a|an|the|my|another|some|this|that))?(?: new)?"
_PREPOSITION = r"(?: (?:for me to|for me|to|that|for|about|of|with|saying))?"
_BARE_VERB = re.compile(rf"^{_VERB}{_ARTICLE}\b", re.I)
_HEADED = re.compile(
    rf"^(?:{_VERB}{_ARTICLE} )?(?:(?:repeating|recurring|calendar|event|daily|weekly|new) )?"
    rf"{_HEAD}{_PREPOSITION}\b",
    re.I,
)
_ON_CALENDAR = re.compile(
    r"^(?:mark|block|save|note|put|add|set|update) (?:it |this |that )?(?:in |on |to |into )?"
    r"(?:my |the )?(?:calendar|schedule|diary|agenda)(?: (?:for|with|that|to))?\b",
    re.I,
)
_INTROS = [
    re.compile(pattern, re.I)
    for pattern in (
        r"^(?:remind|tell|notify|alert|ping|nudge)(?: me| us)?(?: again)?"
        r"(?: (?:to|that|about|of|for|when|with|if)\b| 2(?= [a-z])(?! (?:mins?|minutes?|hours?"
        r"|hrs?|days?|weeks?)\b))?\b",
        r"^(?:let me know|make sure|be sure)(?: (?:to|that|about|of|i|you))*\b",
        r"^(?:when (?:it's|it is) time to|when to|when i (?:need|have) to|it's time to)\b",
        r"^(?:remember|(?:don'?t|do not|never) (?:let me )?forget)(?: (?:me|that|i|to|about))*\b",
        r"^(?:i|we) (?:really )?(?:need|have|must|should|ought|gotta|got|want|would like|'d like"
        r"|wanna|plan|am going|'m going|'ll|will|'ve got|have got)(?: to)?"
        r"(?: be reminded(?: (?:that|about|of|to))?)?\b",
        r"^(?:i'll|we'll|i'd like|i'm going|i've got|i'm|we're)(?: to)?\b",
        r"^be reminded(?: (?:that|about|of|to))?\b",
        r"^(?:there is|there's|there are|there will be)\b",
        r"^add\b",
    )
]
_TRAILING = re.compile(
    r"(?:,? (?:remind me|set (?:it|the|an?) (?:event|reminder)|set (?:the )?event"
    r"|set reminder|please|for me|thanks|thank you))+$",
    re.I,
)
_NEW_LIST = re.compile(
    r"^(?:(?:a|an|the|my) )?(?:new |another |separate |empty |fresh )?"
    r"(?:(?P<before>[\w'&-]+(?: [\w'&-]+)?) )??(?:list|project|folder|category)"
    r"(?::? (?:called|named|titled|for|of|with the name|with))?(?::? (?P<name>.+))?$",
    re.I,
)
# "a timer for 10 minutes" is due in 10 minutes
# Asking to be reminded ("remind me to ...", "set a reminder for ...", "ping me at 5 to ..."),
# of something the user may already have ("remind me about the dentist").
_REMINDING = re.compile(
    r"^(?:remind|ping|nudge|notify|alert)\b|\breminders?\b|\bremind me\b|\bbe reminded\b"
    r"|\b(?:don'?t|do not|never) let me forget\b",
    re.I,
)
_KNOWN = re.compile(
    r"^(?:remind|ping|nudge|notify|alert) (?:me|us) (?:again )?(?:about|of|for)\b"
    r"|\breminders? (?:for|about|of)\b",
    re.I,
)
_TIMER_LENGTH = re.compile(
    r"\b(?P<lead>timers?|alarms?) for (?=\S+(?: \S+)? (?:minutes?|mins?|hours?|hrs?)\b)", re.I
)
_TODO = re.compile(rf"^(?:{TODO_VERBS})\b", re.I)
_LIST_VERBS = frozenset({"add", "put", "insert", "include", "append"})
_SPLIT = re.compile(r"\s*[,;]\s*(?:and\s+|&\s+)?|\s+(?:and|&|plus)\s+", re.I)
_QUOTED = re.compile(r'"[^"]*"|“[^”]*”')
_LEADING_WORDS = words("a an the my our to that about of for on at some")
_TRAILING_WORDS = words(
    "for at on by in to from of with and about due before until till starting the a an my"
    " event events reminder reminders entry is as"
)


def _strip_command(text: str) -> tuple[str, str | None]:
    """``text`` without its command words, and the list verb ("add") when it began so."""
    verb: str | None = None
    first = True
    while True:
        openers = (_HEADED, _ON_CALENDAR, _BARE_VERB) if first else (_HEADED, _ON_CALENDAR)
        for pattern in (*openers, *_INTROS):
            match = pattern.match(text)
            if match is not None and match.end() > 0:
                if first and "verb" in pattern.groupindex and match["verb"]:
                    verb = match["verb"].lower()
                text = text[match.end() :].lstrip(" ,:-")
                break
        else:
            return text, verb
        first = False


def _title(raw: str) -> str | None:
    words = raw.split()
    while words and words[0].lower() in _LEADING_WORDS:
        words.pop(0)
    while words and words[-1].lower().strip(",.") in _TRAILING_WORDS:
        words.pop()
    if all(word.lower().strip(",.") in PLACEHOLDERS for word in words):
        return None
    return " ".join(words).strip(" ,;:-")


def _new_list(body: str, schedule: Schedule | None) -> AddProject | None:
    """ "a new list for school supplies", "a shopping list" (a date there means nothing)."""
    undated = cut(body, list(schedule.spans)) if schedule else body
    match = _NEW_LIST.match(undated)
    return (
        None if match is None else AddProject(name=project_name(match["name"] or match["before"]))
    )


def _items(
    body: str, schedule: Schedule | None, container: Container | None
) -> tuple[list[str], str | None, Schedule | None]:
    """The items of a list command, their project, and a date closing them all:
    "milk, eggs and bread to groceries tomorrow"."""
    project = container.project if container else None
    start = min(begin for begin, _ in schedule.spans) if schedule else len(body)
    tail = [(begin - start, end - start) for begin, end in schedule.spans] if schedule else []
    closing = schedule is not None and not cut(body[start:], tail).strip(" ,.")
    head = body[:start] if closing else body
    bare = None if container else bare_project(head.rstrip(" ,"))
    if bare is not None:
        project, head = bare.project, head[: bare.span[0]]
    parts = [part for part in _SPLIT.split(head) if part.strip()]
    listed = bare is not None or (container is not None and container.kind == "list")
    actions = all(_TODO.match(part.strip()) for part in parts)
    if len(parts) > 1 and (listed or actions or "," in head):
        return parts, project, schedule if closing else None
    return [cut(body, [bare.span]) if bare else body], project, None


def _task(
    item: str,
    project: str | None,
    priority: int,
    shared: Schedule | None,
    now: datetime,
    reminder: Reminder | None,
) -> NewTask:
    blocked = item
    for quote in _QUOTED.finditer(item):
        blocked = masked(blocked, quote.span())
    schedule = find_schedule(blocked, now=now)
    parsed = parse_quick_add(cut(item, list(schedule.spans)) if schedule else item, now=now)
    schedule = schedule or shared
    return NewTask(
        title=_title(parsed.title),
        due=replace(schedule.due, text=" ".join(schedule.due.text.split())) if schedule else None,
        recurrence=schedule.recurrence if schedule else None,
        project=parsed.project or project,
        labels=parsed.labels,
        priority=parsed.priority or priority,
        reminder=reminder,
    )


def read_additions(command: str, *, now: datetime) -> AddTasks | AddProject:
    reminder = Reminder() if _REMINDING.search(command) else None
    known = reminder is not None and _KNOWN.search(command) is not None
    priority = 0
    if (found := find_priority(command)) is not None:
        priority, command = found[0], cut(command, [found[1]])
    command = _TIMER_LENGTH.sub(r"\g<lead> in ", command)
    container = find_container(command)
    body, verb = _strip_command(cut(command, [container.span]) if container else command)
    body = _TRAILING.sub("", body)
    schedule = find_schedule(body, now=now)
    if container is None and (new_list := _new_list(body, schedule)) is not None:
        return new_list
    items, project, shared = [body], container.project if container else None, None
    if verb in _LIST_VERBS:
        items, project, shared = _items(body, schedule, container)
    tasks = tuple(_task(item, project, priority, shared, now, reminder) for item in items)
    if known and len(tasks) == 1:
        tasks = (replace(tasks[0], known=True),)
    return AddTasks(tasks=tasks)
