"""Changes to tasks and lists: "rename the dentist one to call the dentist", "move it to
friday", "push the report to tomorrow 5pm", "make it high priority", "move milk to my
shopping list", "remove the due date from #4", "rename the groceries list to shopping",
"archive the work project", "make the work list blue", "call the dentist task book dentist
instead", "book flights should be called book train tickets".

After "move"/"push"/"change X to ...", a date reschedules, a priority re-prioritises and
anything else is a list (for "move") or a new title (for "change"); "rename" always retitles.
"""

from __future__ import annotations

import re
from datetime import datetime

from taskmate.assistant.interpreter.colours import find_colouring
from taskmate.assistant.interpreter.containers import find_container, list_itself, project_name
from taskmate.assistant.interpreter.intents import TaskChanges, UpdateProject, UpdateTasks
from taskmate.assistant.interpreter.normalise import cut
from taskmate.assistant.interpreter.priorities import find_priority
from taskmate.assistant.interpreter.references import read_reference
from taskmate.assistant.interpreter.when import find_schedule

_SPLIT = (
    r"^(?P<verb>{verbs})(?: (?:back|forward|out|up))? (?P<target>.+?)"
    r"(?: (?:back|forward|out|up))? (?:to|until|till|for|on|into|onto|in|under|as|so (?:it|that)"
    r" (?:is|happens|repeats)) (?P<value>.+)$"
)
_RENAME = re.compile(
    _SPLIT.format(verbs=r"rename|retitle|reword|call|change the (?:name|title) of"), re.I
)
# "call the dentist task book dentist instead", "book flights should be called book trains"
_CALL_INSTEAD = re.compile(
    r"^(?:call|name|title) (?P<target>.+? (?:task|one|item|reminder|to-?do)) (?P<value>.+?)"
    r"(?: instead)?$",
    re.I,
)
_SHOULD_BE = re.compile(
    r"^(?P<target>.+?) (?:should|must|needs? to|has to|ought to) (?:be (?:called|named|renamed"
    r"|retitled|titled)(?: to| as)?|read|say) (?P<value>.+?)(?: instead)?$",
    re.I,
)
_MOVE = re.compile(
    _SPLIT.format(
        verbs=r"move|reschedule|postpone|push|shift|delay|defer|bump|put off|rebook|bring|put"
        r"|change|update|edit|modify|alter|adjust|set|make|switch|turn|set the (?:due )?date of"
    ),
    re.I,
)
_PRIORITY_OF = re.compile(
    r"^(?:set|change|make|raise|lower|bump|update) (?:the )?priority (?:of|for|on) (?P<target>.+?)"
    r" (?:to|as) (?P<value>.+)$",
    re.I,
)
_MARK_PRIORITY = re.compile(
    r"^(?:make|mark|set|flag) (?P<target>.+?) (?:as )?(?P<value>(?:a )?(?:(?:high|low|medium|top"
    r"|normal|urgent|important)(?: priority)?|p[1-4]))$",
    re.I,
)
_PRIORITISE = re.compile(r"^(?P<verb>prioriti[sz]e|deprioriti[sz]e) (?P<target>.+)$", re.I)
_CLEAR_DUE = re.compile(
    r"^(?:remove|clear|delete|drop|unset) (?:the )?(?:due date|deadline|date|due|reminder time)"
    r" (?:from|of|on|for) (?P<target>.+)$",
    re.I,
)
_ARCHIVE = re.compile(r"^(?P<verb>archive|unarchive|restore) (?P<target>.+)$", re.I)
_RESCHEDULE = re.compile(
    r"^(?:move|reschedule|postpone|push|shift|delay|defer|bump|put off|rebook)(?: back| forward)?"
    r" (?P<target>.+)$",
    re.I,
)
_REPEAT = re.compile(r"^(?:repeat|recur|happen|be|occur)s? ", re.I)
_MAKE_REPEAT = re.compile(
    r"^(?:make|have|let|set) (?P<target>.+?) (?:to )?(?P<value>(?:repeat|recur|happen|occur)s?"
    r" .+)$",
    re.I,
)


def _only(value: str, spans: list[tuple[int, int]]) -> bool:
    """Whether ``spans`` cover all of ``value`` but punctuation."""
    return not cut(value, spans).strip(" ,.!")


def _whole_schedule(value: str, now: datetime) -> TaskChanges | None:
    value = _REPEAT.sub("", value)
    schedule = find_schedule(value, now=now)
    if schedule is None or not _only(value, list(schedule.spans)):
        return None
    if schedule.recurrence is not None:
        return TaskChanges(due=schedule.due, recurrence=schedule.recurrence)
    return TaskChanges(due=schedule.due)


def _value_changes(value: str, *, moving: bool, now: datetime) -> TaskChanges:
    if (schedule := _whole_schedule(value, now)) is not None:
        return schedule
    priority = find_priority(value)
    if priority is not None and _only(value, [priority[1]]):
        return TaskChanges(priority=priority[0])
    container = find_container(f"to {value}")
    if container is not None and _only(f"to {value}", [container.span]):
        return TaskChanges(project=container.project)
    if moving:
        return TaskChanges(project=project_name(value))
    return TaskChanges(title=value.strip(" \"'“”"))


def _update_project(target: str, value: str | None, *, archived: bool | None) -> UpdateProject:
    name = list_itself(target)[1]
    if archived is not None:
        return UpdateProject(name=name, archived=archived)
    return UpdateProject(name=name, new_name=(value or "").strip(" \"'“”"))


def read_update(command: str, *, now: datetime) -> UpdateTasks | UpdateProject:
    colouring = find_colouring(command)
    if colouring is not None and list_itself(colouring[0])[0]:
        return UpdateProject(name=list_itself(colouring[0])[1], color=colouring[1])
    archive = _ARCHIVE.match(command)
    if archive is not None and (
        list_itself(archive["target"])[0] or archive["verb"].lower() != "restore"
    ):
        return _update_project(archive["target"], None, archived=archive["verb"] == "archive")
    if (match := _RENAME.match(command) or _CALL_INSTEAD.match(command)) is None:
        match = _SHOULD_BE.match(command)
    if match is not None:
        if list_itself(match["target"])[0]:
            return _update_project(match["target"], match["value"], archived=None)
        changes = TaskChanges(title=match["value"].strip(" \"'“”"))
    elif (match := _CLEAR_DUE.match(command)) is not None:
        changes = TaskChanges(due=None, recurrence=None)
    elif (match := _PRIORITY_OF.match(command) or _MARK_PRIORITY.match(command)) is not None:
        priority = find_priority(match["value"])
        changes = TaskChanges(priority=priority[0] if priority else 3)
    elif (match := _PRIORITISE.match(command)) is not None:
        changes = TaskChanges(priority=1 if match["verb"].lower().startswith("de") else 3)
    elif (match := _MAKE_REPEAT.match(command)) is not None and (
        repeating := _whole_schedule(match["value"], now)
    ):
        changes = repeating
    elif (match := _MOVE.match(command)) is not None:
        moving = match["verb"].lower() in ("move", "put", "bring")
        changes = _value_changes(match["value"], moving=moving, now=now)
    else:
        return _reschedule(command, now)
    return UpdateTasks(target=read_reference(match["target"], now=now), changes=changes)


def _reschedule(command: str, now: datetime) -> UpdateTasks:
    """ "postpone the dentist one", "dentist to friday": the date, if any, is the new due."""
    match = _RESCHEDULE.match(command)
    target = match["target"] if match else command
    schedule = find_schedule(target, now=now)
    changes = TaskChanges()
    if schedule is not None:
        changes = TaskChanges(due=schedule.due)
        if schedule.recurrence is not None:
            changes = TaskChanges(due=schedule.due, recurrence=schedule.recurrence)
        start = min(start for start, _ in schedule.spans)
        target = re.sub(r"\s+(?:to|until|till|for|on)$", "", target[:start].rstrip(), flags=re.I)
    return UpdateTasks(target=read_reference(target, now=now), changes=changes)
