"""A client's copy of its conversation, rebuilt only from ``item`` and ``delta`` frames."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Item = dict[str, Any]

INTERRUPTED = "interrupted"
NEEDS_REGENERATE = frozenset({INTERRUPTED, "failed"})


class Gap(Exception):
    """A delta starts past the text known so far: frames were missed, resubscribe."""


@dataclass
class Transcript:
    items: dict[str, Item] = field(default_factory=dict)
    last_seq: int = 0

    def apply_item(self, item: Item) -> None:
        """Keeps the latest state of each item; a streaming checkpoint never shortens text
        that deltas have already carried further."""
        known = self.items.get(item["id"])
        self.last_seq = max(self.last_seq, item["seq"])
        if known is not None and known["seq"] > item["seq"]:
            return
        if (
            known is not None
            and item["status"] == "streaming"
            and known["status"] == "streaming"
            and known["content"].startswith(item["content"])
        ):
            item = {**item, "content": known["content"]}
        self.items[item["id"]] = item

    def apply_delta(self, item_id: str, offset: int, text: str) -> None:
        item = self.items.get(item_id)
        if item is None or offset > len(item["content"]):
            raise Gap(item_id)
        if item["status"] != "streaming":
            return  # a late delta of a message already complete
        content: str = item["content"]
        item["content"] = content[:offset] + text + content[offset + len(text) :]

    def messages(self) -> list[Item]:
        found = [item for item in self.items.values() if item["type"] == "message"]
        return sorted(found, key=lambda item: item["position"])

    def last_message(self) -> Item | None:
        messages = self.messages()
        return messages[-1] if messages else None

    def client_ids(self) -> list[str]:
        return [item["client_id"] for item in self.messages() if item.get("client_id")]


def comparable(item: Item) -> tuple[Any, ...]:
    """What must agree between a client's copy of an item and the server's."""
    return (item["id"], item["seq"], item["type"], item["status"], item.get("content"))
