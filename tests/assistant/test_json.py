"""The JSON form of what the interpreter read, as ``taskmate parse`` prints it."""

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from taskmate.assistant.interpreter import INTENTS, interpret
from tests.assistant.helpers import NOW


def test_add_tasks() -> None:
    rendered = interpret("water plants every monday at 9 #home p2", now=NOW).to_json()
    assert rendered["text"] == "water plants every monday at 9 #home p2"
    assert rendered["intent"] == "add_tasks"
    assert rendered["args"] == {
        "tasks": [
            {
                "title": "water plants",
                "notes": None,
                "due": {"date": "2026-01-19", "time": "09:00", "text": "every monday at 9"},
                "recurrence": {"rrule": "FREQ=WEEKLY;BYDAY=MO", "text": "every monday at 9"},
                "project": "home",
                "labels": [],
                "priority": 3,
                "reminder": None,
                "known": False,
            }
        ]
    }


TASK_FIELDS: dict[str, object] = {
    "notes": None,
    "recurrence": None,
    "project": None,
    "labels": [],
    "priority": 0,
    "known": False,
}
REMINDER = {"before_minutes": 0, "at": None}
SIX = {"date": "2026-01-15", "time": "18:00", "text": "6pm"}


def test_a_reminder() -> None:
    args = interpret("remind me to call mom at 6pm", now=NOW).to_json()["args"]
    assert args == {
        "tasks": [{**TASK_FIELDS, "title": "call mom", "reminder": REMINDER, "due": SIX}]
    }
    rendered = interpret("snooze it for 10 minutes", now=NOW).to_json()
    assert (rendered["intent"], rendered["args"]) == ("snooze_reminder", {"minutes": 10})


def test_unset_changes_are_left_out() -> None:
    assert interpret("move #3 to friday", now=NOW).to_json()["args"] == {
        "target": {
            "kind": "ids",
            "ids": [3],
            "position": None,
            "title": None,
            "when": None,
            "project": None,
        },
        "changes": {"due": {"date": "2026-01-16", "time": None, "text": "friday"}},
    }


def test_search() -> None:
    assert interpret("what's due this week?", now=NOW).to_json()["args"] == {
        "text": None,
        "when": {"start": "2026-01-12", "end": "2026-01-18", "text": "this week"},
        "overdue": False,
        "project": None,
        "label": None,
        "status": "open",
        "reminders": False,
    }


def test_args_without_fields() -> None:
    assert interpret("what lists do i have", now=NOW).to_json()["args"] == {}


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120))
def test_any_text_reads_as_json(text: str) -> None:
    rendered = interpret(text, now=NOW).to_json()
    assert json.loads(json.dumps(rendered))["intent"] in INTENTS
