"""What counts as a right reading of each training example, the way the shared scorer
(``score.py``) judges the parse output, at the level of the model's labels: a task request
must get its family (any change for CLINC's ``_update`` intents, whose labels do not say
which), and anything else must be left alone (chat, help or outside)."""

from __future__ import annotations

from taskmate.assistant.understanding.labels import NO_ACTION, Label
from taskmate.assistant.understanding.sources import Example

_ANY_CHANGE: frozenset[Label] = frozenset({"add", "update", "complete", "reopen", "delete"})
_QUERY: frozenset[Label] = frozenset({"find"})
_EXPECTED: dict[str, frozenset[Label]] = {
    "calendar_set": frozenset({"add"}),
    "lists_createoradd": frozenset({"add"}),
    "calendar_query": _QUERY,
    "lists_query": _QUERY,
    "calendar_remove": frozenset({"delete"}),
    "lists_remove": frozenset({"delete"}),
    "clinc:meeting_schedule": _QUERY | _ANY_CHANGE,
    **{f"clinc:{name}": _QUERY for name in ("todo_list", "reminder", "calendar", "shopping_list")},
    **{
        f"clinc:{name}_update": _ANY_CHANGE
        for name in ("todo_list", "reminder", "calendar", "shopping_list")
    },
}


def is_task_request(example: Example) -> bool:
    """Whether the example asks for something this assistant does."""
    if example.source == "commands":
        return example.label not in NO_ACTION
    return example.group in _EXPECTED


def right_labels(example: Example) -> frozenset[Label]:
    if example.source == "commands":
        return frozenset({example.label}) if example.label not in NO_ACTION else NO_ACTION
    return _EXPECTED.get(example.group, NO_ACTION)
