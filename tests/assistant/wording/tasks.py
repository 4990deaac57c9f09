"""Tasks as the API renders them, and a clock, for the wording tests.

``NOW`` is Friday 2026-12-04 22:00 UTC: Friday 5 PM in New York, Friday 2 PM in Los Angeles,
and already Saturday 11 AM in Auckland.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from taskmate.assistant.wording.phrases import Wording
from taskmate.tasks.date_words import DEFAULT_STYLE, DateStyle

NOW = datetime(2026, 12, 4, 22, 0, tzinfo=UTC)
NEW_YORK = ZoneInfo("America/New_York")


def words_in(
    zone: str = "America/New_York",
    *,
    markdown: bool = False,
    ids: bool = False,
    style: DateStyle = DEFAULT_STYLE,
) -> Wording:
    return Wording(now=NOW.astimezone(ZoneInfo(zone)), markdown=markdown, ids=ids, style=style)


def task(
    title: str,
    due: str | None = None,
    at: str | None = None,
    *,
    rrule: str | None = None,
    task_id: int = 1,
    project_id: int | None = None,
    priority: int = 0,
    completed_at: str | None = None,
) -> dict[str, Any]:
    return {
        "id": task_id,
        "title": title,
        "due": None if due is None else {"date": due, "time": at, "text": "typed"},
        "recurrence": None if rrule is None else {"rrule": rrule, "text": "as typed"},
        "project_id": project_id,
        "priority": priority,
        "completed_at": completed_at,
    }
