"""A client's copy of one conversation, rebuilt from ``item`` and ``delta`` frames (or the
change feed): the latest state of each item by id, merged by ``seq``."""

from __future__ import annotations

from dataclasses import dataclass, field

from taskmate.client.models import Item

STREAMING = "streaming"


class Gap(Exception):
    """A delta starts past the text known so far: frames were missed, resubscribe."""


@dataclass
class Transcript:
    items: dict[str, Item] = field(default_factory=dict)
    last_seq: int = 0

    def apply_item(self, item: Item) -> Item:
        """Keeps the latest state of each item; a streaming checkpoint never shortens text
        that deltas have already carried further. Returns the state kept."""
        known = self.items.get(item.id)
        self.last_seq = max(self.last_seq, item.seq)
        if known is not None and known.seq > item.seq:
            return known
        if (
            known is not None
            and item.status == STREAMING
            and known.status == STREAMING
            and known.content.startswith(item.content)
        ):
            item = item.model_copy(update={"content": known.content})
        self.items[item.id] = item
        return item

    def apply_delta(self, item_id: str, offset: int, text: str) -> Item:
        """Applies streamed text at its code-point ``offset``; raises ``Gap`` when the
        offset is past the text known (resubscribe from ``last_seq``)."""
        item = self.items.get(item_id)
        if item is None or offset > len(item.content):
            raise Gap(item_id)
        if item.status != STREAMING:
            return item  # a late delta of a message already complete
        content = item.content[:offset] + text + item.content[offset + len(text) :]
        self.items[item_id] = item = item.model_copy(update={"content": content})
        return item

    def in_order(self) -> list[Item]:
        """Every item in display order (``position``)."""
        return sorted(self.items.values(), key=lambda item: item.position)

    def messages(self) -> list[Item]:
        return [item for item in self.in_order() if item.type == "message"]

    def last_message(self) -> Item | None:
        messages = self.messages()
        return messages[-1] if messages else None

    def client_ids(self) -> list[str]:
        return [item.client_id for item in self.messages() if item.client_id]
