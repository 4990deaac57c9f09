"""``item_json`` builds the items' JSON by hand for speed; it must equal the API models'."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from taskmate.api.types import format_timestamp
from taskmate.chat.models import Item
from taskmate.chat.render import item_json, item_out
from taskmate.chat.views import ItemView

AT = datetime(2026, 11, 21, 9, 30, 15, 123456, tzinfo=UTC)


def _item(**fields: Any) -> Item:
    base: dict[str, Any] = {
        "id": "i-1",
        "conversation_id": "c-1",
        "status": "completed",
        "seq": 7,
        "position": 3,
        "role": None,
        "author_id": None,
        "content": "",
        "client_id": None,
        "data": {},
        "created_at": AT,
        "updated_at": AT,
    }
    return Item(**(base | fields))


ITEMS = {
    "user message": _item(
        type="message", role="user", author_id="u-1", content="Buy *milk*", client_id="k-1"
    ),
    "streaming answer": _item(type="message", role="assistant", status="streaming", content="Su"),
    "authorless message": _item(type="message", role="user", content="left <b>here</b>"),
    "step": _item(type="step", data={"label": "Adding 'Buy milk'"}),
    "tool call": _item(
        type="tool_call",
        data={
            "name": "add_tasks",
            "arguments": {"tasks": [{"title": "Buy milk"}]},
            "result": {"added": [4]},
            "duration_ms": 12,
            "undo_until": format_timestamp(AT),
            "undone_at": None,
        },
    ),
    "choice": _item(
        type="choice",
        status="pending",
        data={
            "text": "Delete 1 task: #4 Dentist?",
            "options": [
                {"id": "confirm", "label": "Delete", "style": "danger"},
                {"id": "cancel", "label": "Keep"},
            ],
            "chosen": None,
            "for_user_id": "u-1",
        },
    ),
}


@pytest.mark.parametrize("item", ITEMS.values(), ids=ITEMS.keys())
def test_item_json_equals_the_models_json(item: Item) -> None:
    view = ItemView(item=item, author_name="Ann")

    assert item_json(view) == item_out(view).model_dump(mode="json")
