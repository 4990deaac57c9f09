"""Reminders in words: "I'll remind you today at 6 PM to call mom.", "I'll remind you 30
minutes before “Dentist”, tomorrow at 8:30 AM.", "You have 2 reminders today:", "Okay, I'll
remind you about “Call mom” again at 7:15 PM.", "I won't remind you about “Dentist” any
more." Moments are the reminders' next firing, on the user's wall clock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from taskmate.assistant.interpreter import DateRange
from taskmate.assistant.wording.phrases import Json, Wording, counted


def instant_words(words: Wording, instant: str) -> str:
    """ "today at 6 PM" for an ISO 8601 instant."""
    local = datetime.fromisoformat(instant).astimezone(words.now.tzinfo)
    return words.moment(local.date(), local.time().replace(second=0))


def length_words(minutes: int) -> str:
    """ "30 minutes", "an hour", "2 hours", "a day"."""
    for size, unit in ((24 * 60, "day"), (60, "hour")):
        if minutes % size == 0:
            count = minutes // size
            return f"a{'n' if unit == 'hour' else ''} {unit}" if count == 1 else f"{count} {unit}s"
    return counted(minutes, "minute")


def _by_id(tasks: list[Json]) -> dict[int, Json]:
    return {task["id"]: task for task in tasks}


def reminded(words: Wording, task: Json, reminder: Json, *, about: bool) -> str:
    """ "I'll remind you today at 6 PM to call mom." (``about``: "about “Dentist”")."""
    what = f"about {words.quoted(task)}" if about else f"to {words.text(task['title'])}"
    ahead = reminder.get("next_fire_at")
    if ahead is None:
        return f"The time to remind you {what} has already passed."
    when = instant_words(words, ahead)
    before = reminder.get("before_minutes") or 0
    if reminder["kind"] == "relative" and before:
        return f"I'll remind you {length_words(before)} before {words.quoted(task)}, {when}."
    return f"I'll remind you {when} {what}."


def added_reminders(words: Wording, result: Json) -> str | None:
    """The reminder sentence of an addition that asked for them, or None."""
    tasks = _by_id(result["tasks"])
    said = [
        reminded(words, tasks[each["task_id"]], each["reminder"], about=each.get("about", True))
        for each in result.get("reminded", [])
    ]
    missed = [tasks[task_id] for task_id in result.get("not_reminded", [])]
    if missed:
        said.append(
            f"{words.titles(missed)} {'has' if len(missed) == 1 else 'have'} no time ahead"
            " to remind you at: tell me when."
        )
    return " ".join(said) or None


def _removed(words: Wording, result: Json) -> str:
    tasks = result["tasks"]
    if not result["removed"]:
        return f"{words.titles(tasks)} had no reminders."
    return f"I won't remind you about {words.titles(tasks)} any more."


def _period(words: Wording, when: DateRange | None) -> str:
    if when is None:
        return " coming up"
    if when.start is not None and when.start == when.end:
        return f" {words.day(when.start)}"
    return f" {words.text(when.text)}"


def found_reminders(words: Wording, result: Json, when: DateRange | None) -> str:
    total = result["total"]
    number = "no" if total == 0 else str(total)
    return f"You have {number} reminder{'' if total == 1 else 's'}{_period(words, when)}"


def reminder_lines(words: Wording, result: Json) -> str:
    """ "1. Call mom — today at 6 PM", then "…and 3 more"."""
    lines = [
        f"{n}. {words.text(each['task']['title'])} — "
        f"{instant_words(words, each['reminder']['next_fire_at'])}"
        for n, each in enumerate(result["reminders"], 1)
    ]
    hidden = result["total"] - len(lines)
    return "\n".join(lines + ([f"\n…and {hidden} more"] if hidden > 0 else []))


def _snoozed(words: Wording, result: Json) -> str:
    [task] = result["tasks"]
    again = instant_words(words, result["until"])
    return f"Okay, I'll remind you about {words.quoted(task)} again {again}."


def _added(words: Wording, result: Json) -> str:
    return added_reminders(words, result) or "Nothing to remind you of."


SAID: dict[str, Callable[[Wording, Json], str]] = {
    "add_reminders": _added,
    "delete_reminders": _removed,
    "snooze_reminder": _snoozed,
}


def reminder_said(words: Wording, name: str, result: Json, when: DateRange | None = None) -> str:
    if name == "find_reminders":
        return found_reminders(words, result, when) + "."
    return SAID[name](words, result)


def reminder_reply(words: Wording, name: str, result: Json, when: DateRange | None) -> str:
    """What the assistant answers: the sentence, and the reminders a question found."""
    if name == "find_reminders" and result["reminders"]:
        return f"{found_reminders(words, result, when)}:\n\n{reminder_lines(words, result)}"
    return reminder_said(words, name, result, when)
