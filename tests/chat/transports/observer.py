"""The server's side of a conversation, as its event hub publishes it: what every live
subscriber should end up with."""

from __future__ import annotations

from typing import Any

from taskmate.events import ConversationEvent

Json = dict[str, Any]


class Observer:
    """A listener on the conversation's channel: the latest version of every item, and the
    text the deltas of each message added up to."""

    def __init__(self) -> None:
        self.items: dict[str, Json] = {}
        self.texts: dict[str, str] = {}
        self.last_seq = 0
        self.problems: list[str] = []  # raised here, they would be lost in the publisher

    def __call__(self, event: ConversationEvent) -> None:
        if event.kind == "item":
            item = event.payload
            known = self.items.get(item["id"])
            if known is None or known["seq"] <= item["seq"]:
                self.items[item["id"]] = item
            self.last_seq = max(self.last_seq, item["seq"])
        elif event.kind == "delta":
            frame = event.payload
            text = self.texts.get(frame["item_id"], "")
            if frame["offset"] != len(text):
                self.problems.append(f"a delta published out of order: {frame}")
            self.texts[frame["item_id"]] = text + frame["text"]

    def pending_choice(self) -> Json | None:
        """The question waiting for an answer, if any."""
        return next(
            (
                item
                for item in self.items.values()
                if item["type"] == "choice" and item["status"] == "pending"
            ),
            None,
        )

    def awaited_choice(self) -> Json | None:
        """The pending question that only an answer can settle: no message was written
        after it (the engine settles one that was: expired, or answered by that message)."""
        pending = self.pending_choice()
        if pending is None or any(
            item["type"] == "message"
            and item["role"] == "user"
            and item["position"] > pending["position"]
            for item in self.items.values()
        ):
            return None
        return pending

    def choices(self) -> list[Json]:
        return sorted(
            (item for item in self.items.values() if item["type"] == "choice"),
            key=lambda item: item["position"],
        )
