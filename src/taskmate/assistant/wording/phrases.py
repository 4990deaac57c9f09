"""Tasks in words for one user: a title quoted (“Buy milk”), when it is due ("tomorrow at
5 PM", "overdue since Tue, Dec 1"), how it repeats, a line for a list or a choice, several
titles in a sentence, and a numbered list cut short with "…and 12 more".

``markdown`` is for message text, where user text is escaped so it shows as typed; choice
labels, step labels and tool summaries are plain text and keep it as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from taskmate.assistant.wording.markdown import escaped
from taskmate.assistant.wording.repeats import joined, repeat_words
from taskmate.tasks.date_words import (
    DEFAULT_STYLE,
    DateStyle,
    day_words,
    is_past,
    moment_words,
    overdue_words,
)

Json = dict[str, Any]
MAX_TEXT = 80  # characters of a title shown in a sentence or a list
NAMED = 5  # titles named in a sentence before "and 3 more"
LISTED = 10  # lines of a list before "…and 12 more"


def counted(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _due(due: Json) -> tuple[date, time | None]:
    clock = due.get("time")
    return date.fromisoformat(due["date"]), time.fromisoformat(clock) if clock else None


@dataclass(frozen=True, kw_only=True, slots=True)
class Wording:
    """``now`` is on the user's wall clock (aware, in their zone), ``style`` their clock and
    date format; ``ids`` adds "#12" after titles, for users who name tasks by id."""

    now: datetime
    style: DateStyle = DEFAULT_STYLE
    markdown: bool = False
    ids: bool = False

    @property
    def today(self) -> date:
        return self.now.date()

    def day(self, day: date) -> str:
        """ "today", "Sunday", "Sun, Dec 6" in the user's date format."""
        return day_words(day, today=self.today, style=self.style)

    def moment(self, day: date, at: time | None) -> str:
        """ "tomorrow at 5 PM" on the user's clock."""
        return moment_words(day, at, today=self.today, style=self.style)

    def text(self, user_text: str) -> str:
        """User text on one line, shortened, and escaped in Markdown."""
        text = " ".join(user_text.split())
        if len(text) > MAX_TEXT:
            text = text[: MAX_TEXT - 1].rstrip() + "…"
        return escaped(text) if self.markdown else text

    def _titled(self, task: Json, text: str) -> str:
        return f"{text} (#{task['id']})" if self.ids else text

    def quoted(self, task: Json) -> str:
        """“Buy milk”"""
        return self._titled(task, f"“{self.text(task['title'])}”")

    def titles(self, tasks: list[Json], *, dated: bool = False) -> str:
        """“Milk”, “Eggs” and “Bread”; with ``dated``, each with its schedule in brackets."""
        named = []
        for task in tasks[:NAMED]:
            schedule = self.schedule(task) if dated else None
            named.append(self.quoted(task) + (f" ({schedule})" if schedule else ""))
        if len(tasks) > NAMED:
            return ", ".join(named) + f" and {len(tasks) - NAMED} more"
        return joined(named)

    def due(self, task: Json) -> str | None:
        """ "tomorrow at 5 PM", or None when it has no date."""
        if not task.get("due"):
            return None
        return self.moment(*_due(task["due"]))

    def repeats(self, task: Json, *, timed: bool = True) -> str | None:
        """ "every Sunday at 6 PM" (without the time unless ``timed``), or None."""
        recurrence = task.get("recurrence")
        if not recurrence:
            return None
        day, at = _due(task["due"]) if task.get("due") else (None, None)
        words = repeat_words(
            recurrence["rrule"],
            today=self.today,
            start=day,
            at=at if timed else None,
            style=self.style,
        )
        return words or self.text(recurrence.get("text") or "repeatedly")

    def schedule(self, task: Json) -> str | None:
        """When it happens, for a sentence: "tomorrow at 5 PM", "every Sunday at 6 PM"."""
        return self.repeats(task) or self.due(task)

    def state(self, task: Json) -> str | None:
        """Where it stands, for a list: "done yesterday", "overdue since Tue, Dec 1",
        "Sunday at 6 PM, repeats every Sunday"."""
        if task.get("completed_at"):
            done = datetime.fromisoformat(task["completed_at"]).astimezone(self.now.tzinfo)
            return f"done {self.day(done.date())}"
        parts = []
        if task.get("due"):
            day, at = _due(task["due"])
            past = is_past(day, at, now=self.now)
            said = overdue_words if past else _moment
            parts.append(said(day, at, now=self.now, style=self.style))
        if (repeats := self.repeats(task, timed=False)) is not None:
            parts.append(f"repeats {repeats}")
        return ", ".join(parts) or None

    def line(self, task: Json) -> str:
        """ "Dentist appointment — tomorrow at 3 PM": a list entry or a choice's label."""
        state = self.state(task)
        title = self._titled(task, self.text(task["title"]))
        return f"{title} — {state}" if state else title

    def numbered(self, tasks: list[Json], total: int | None = None) -> str:
        """The first tasks as a numbered list, then "…and 12 more" (of ``total``)."""
        lines = [f"{n}. {self.line(task)}" for n, task in enumerate(tasks[:LISTED], 1)]
        hidden = (len(tasks) if total is None else total) - len(lines)
        return "\n".join(lines + ([f"\n…and {hidden} more"] if hidden > 0 else []))


def _moment(day: date, at: time | None, *, now: datetime, style: DateStyle) -> str:
    return moment_words(day, at, today=now.date(), style=style)
