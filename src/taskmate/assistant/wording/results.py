"""What a tool did, said once: "Added “Buy milk” for tomorrow at 5 PM.", "Added 3 tasks to
Groceries: “Milk”, “Eggs” and “Bread”.", "Moved “Call mom” to Sunday at 7 PM.", "Done:
“Dentist appointment”.", "You have 3 tasks due this week".

Each sentence is read from the tool's result (the tasks as the API renders them, their
``previous`` state, the ``projects`` they are in), so the tool's summary and the offline
assistant's reply say the same thing. ``reply`` adds the list a search or a listing found.
"""

from __future__ import annotations

from collections.abc import Callable

from taskmate.assistant.interpreter import DateRange, FindTasks
from taskmate.assistant.wording.phrases import Json, Wording, counted
from taskmate.assistant.wording.reminders import added_reminders
from taskmate.assistant.wording.repeats import joined

PRIORITIES = {1: "low", 2: "medium", 3: "high", 4: "urgent"}
FIELDS = ("title", "recurrence", "due", "project_id", "priority")


def _projects(result: Json) -> dict[int, str]:
    return {project["id"]: project["name"] for project in result.get("projects", [])}


def _subject(words: Wording, tasks: list[Json]) -> str:
    return words.quoted(tasks[0]) if len(tasks) == 1 else counted(len(tasks), "task")


def _listing(words: Wording, tasks: list[Json]) -> str:
    """ ": “A”, “B” and “C”" after "3 tasks"; nothing after a single title."""
    return "" if len(tasks) == 1 else f": {words.titles(tasks)}"


def _added(words: Wording, result: Json) -> str:
    """ "Added “Buy milk” for tomorrow at 5 PM."; "I'll remind you today at 6 PM to call mom."
    for a task to be reminded of, which says it all."""
    tasks: list[Json] = result["tasks"]
    reminders = added_reminders(words, result)
    plain = len(tasks) == 1 and tasks[0]["project_id"] is None and not tasks[0]["recurrence"]
    if reminders is not None and plain and result["reminded"]:
        return reminders
    where = ""
    project_ids = list({task["project_id"] for task in tasks})
    names = _projects(result)
    if len(project_ids) == 1 and project_ids[0] in names:
        new = project_ids[0] in result.get("created_project_ids", [])
        where = f" to {words.text(names[project_ids[0]])}{' (a new list)' if new else ''}"
    if len(tasks) > 1:
        added = f"Added {len(tasks)} tasks{where}: {words.titles(tasks, dated=True)}."
        return f"{added} {reminders}" if reminders else added
    [task] = tasks
    if (repeats := words.repeats(task)) is not None:
        return f"Added {words.quoted(task)}{where}, repeating {repeats}."
    due = words.due(task)
    added = f"Added {words.quoted(task)}{where}{f' for {due}' if due else ''}."
    return f"{added} {reminders}" if reminders else added


def _completed(words: Wording, result: Json) -> str:
    tasks: list[Json] = result["tasks"]
    said = f"Done: {words.titles(tasks)}."
    if len(tasks) == 1 and tasks[0]["completed_at"] is None and (due := words.due(tasks[0])):
        said += f" Next time: {due}."  # a repeating task moved on to its next date
    return said


def _each(verb: str) -> Callable[[Wording, Json], str]:
    def said(words: Wording, result: Json) -> str:
        tasks = result["tasks"]
        return f"{verb} {_subject(words, tasks)}{_listing(words, tasks)}."

    return said


def changed_fields(before: Json, after: Json) -> list[str]:
    """The fields the tools change that differ, but the date when a new rule says it."""
    changed = [field for field in FIELDS if before[field] != after[field]]
    if "recurrence" in changed and after["recurrence"] is not None and "due" in changed:
        changed.remove("due")  # the rule says when
    return changed


def _change(words: Wording, task: Json, field: str, names: dict[int, str]) -> tuple[str, str]:
    """A change as a sentence about ``{}`` (the tasks) and as a clause for a list of them."""
    if field == "title":
        return f"Renamed {{}} to {words.quoted(task)}", f"renamed to {words.quoted(task)}"
    if field == "recurrence":
        repeats = words.repeats(task)
        if repeats is None:
            return "Stopped {} from repeating", "no longer repeating"
        return f"Set {{}} to repeat {repeats}", f"repeating {repeats}"
    if field == "due":
        due = words.due(task)
        if due is None:
            return "Removed the date from {}", "no date"
        repeats = words.repeats(task, timed=False)
        return f"Moved {{}} to {due}{f', repeating {repeats}' if repeats else ''}", f"due {due}"
    if field == "project_id":
        project = task["project_id"]
        where = "your inbox" if project is None else words.text(names.get(project, "a list"))
        return f"Moved {{}} to {where}", f"moved to {where}"
    priority = PRIORITIES.get(task["priority"])
    if priority is None:
        return "Removed the priority from {}", "no priority"
    return f"Set {{}} to {priority} priority", f"{priority} priority"


def _updated(words: Wording, result: Json) -> str:
    tasks: list[Json] = result["tasks"]
    before: list[Json] = result["previous"]
    pairs = list(zip(before, tasks, strict=True))
    changed = [field for field in FIELDS if any(field in changed_fields(b, a) for b, a in pairs)]
    subject = words.quoted(before[0]) if len(tasks) == 1 else counted(len(tasks), "task")
    if not changed:
        return f"Nothing to change: {subject} {'is' if len(tasks) == 1 else 'are'} already so."
    names = _projects(result)
    changes = [_change(words, tasks[0], field, names) for field in changed]
    if len(changes) == 1:
        return changes[0][0].format(subject) + _listing(words, tasks) + "."
    clauses = joined([clause for _, clause in changes])
    return f"Updated {subject}{_listing(words, tasks)}: {clauses}."


def _period(words: Wording, when: DateRange) -> str:
    if when.start is not None and when.start == when.end:
        return words.day(when.start)
    return words.text(when.text)


def found(words: Wording, query: FindTasks, count: int) -> str:
    """ "You have 3 tasks due this week", "I couldn't find a task called “bread”"."""
    kind = {"open": "", "done": "completed ", "all": ""}[query.status]
    if query.overdue:
        kind = "overdue "
    details = []
    if query.project:
        details.append(f" in {words.text(query.project)}")
    if query.label:
        details.append(f" labelled {words.text(query.label)}")
    if query.when is not None and query.status != "done":
        details.append(f" due {_period(words, query.when)}")
    if count == 0 and query.text:
        article = "an" if kind[:1] in ("a", "e", "i", "o", "u") else "a"
        called = f"{article} {kind}task called “{words.text(query.text)}”"
        return f"I couldn't find {called}{''.join(details)}"
    if query.text:
        details.insert(0, f" matching “{words.text(query.text)}”")
    if not kind and not details and query.status == "open":
        kind = "open "
    number = "no" if count == 0 else str(count)
    return f"You have {number} {kind}task{'' if count == 1 else 's'}{''.join(details)}"


def _lists(words: Wording, result: Json) -> str:
    projects = result["projects"]
    return f"You have {counted(len(projects), 'list')}" if projects else "You have no lists yet"


def _project_added(words: Wording, result: Json) -> str:
    return f"Added the list “{words.text(result['projects'][0]['name'])}”."


def _project_updated(words: Wording, result: Json) -> str:
    """ "Renamed the list “Groceries” to “Shopping” and changed its colour."."""
    before, after = result["previous"][0], result["projects"][0]
    changes = []  # each as a sentence about ``{}`` (the list) and as a clause after "and"
    if before["name"] != after["name"]:
        renamed = f"“{words.text(after['name'])}”"
        changes.append((f"Renamed {{}} to {renamed}", f"renamed it to {renamed}"))
    if before["archived"] != after["archived"]:
        verb = "archived" if after["archived"] else "unarchived"
        changes.append((f"{verb.capitalize()} {{}}", f"{verb} it"))
    if before["color"] != after["color"]:
        changes.append(("Changed the colour of {}", "changed its colour"))
    name = f"the list “{words.text(before['name'])}”"
    if not changes:
        return f"Nothing to change: {name} is already so."
    rest = [clause for _, clause in changes[1:]]
    return changes[0][0].format(name) + (f" and {joined(rest)}" if rest else "") + "."


def _project_deleted(words: Wording, result: Json) -> str:
    name = words.text(result["projects"][0]["name"])
    return f"Deleted the list “{name}”; its tasks are in your inbox now."


SAID: dict[str, Callable[[Wording, Json], str]] = {
    "add_tasks": _added,
    "complete_tasks": _completed,
    "reopen_tasks": _each("Reopened"),
    "delete_tasks": _each("Deleted"),
    "update_tasks": _updated,
    "add_project": _project_added,
    "update_project": _project_updated,
    "delete_project": _project_deleted,
}


def said(words: Wording, name: str, result: Json, query: FindTasks | None = None) -> str:
    """One sentence for what the tool ``name`` did (a search needs its ``query``)."""
    if name == "find_tasks":
        assert query is not None
        return found(words, query, result.get("total", len(result["tasks"]))) + "."
    if name == "list_projects":
        return _lists(words, result) + "."
    return SAID[name](words, result)


def reply(words: Wording, name: str, result: Json, query: FindTasks | None = None) -> str:
    """What the assistant answers: the sentence, and what a search or a listing found."""
    if name == "find_tasks" and result["tasks"]:
        assert query is not None
        total = result.get("total", len(result["tasks"]))
        return f"{found(words, query, total)}:\n\n{words.numbered(result['tasks'], total)}"
    if name == "list_projects" and result["projects"]:
        names = "\n".join(f"- {words.text(project['name'])}" for project in result["projects"])
        return f"{_lists(words, result)}:\n\n{names}"
    return said(words, name, result, query)
