"""A client's copy of a conversation, reconciled from frames as the protocol says a client
should, checking on the way what each frame promises.

Reconciling: an ``item`` frame replaces an older version of its item (same or higher
``seq``: a message still streaming comes again with its ``seq`` and its text so far when the
client subscribes), a ``delta`` writes its text at its offset into a streaming message.

Checked on every frame (an ``AssertionError`` says which promise broke):

- a delta is for a message the client holds as streaming, leaves no gap
  (``offset`` ≤ the text held) and agrees with the text held where they overlap; on a
  *clean* subscription (made while nothing was streaming out, or caught up since) it
  extends exactly the text held;
- an item frame never takes a message's text back: it carries at least every character
  the deltas received so far delivered;
- per subscription, ``seq`` strictly increases: after the messages still streaming that a
  subscribe sends again (``seq`` ≤ its ``after_seq``), every item frame has a higher ``seq``
  than the one before, and than the subscription's ``after_seq``.

A subscription begins at a new connection (its frames are exactly the subscription's), or
at a ``subscribe`` sent on a socket whose earlier frames were all read (the protocol marks
no boundary between a socket's earlier frames and a replay).
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

Json = dict[str, Any]


def streaming_message(item: Json) -> bool:
    return bool(item["type"] == "message" and item["status"] == "streaming")


@dataclass(kw_only=True)
class Subscription:
    after_seq: int
    clean: bool
    last_seq: int = 0
    replaying: bool = True  # still in the messages-still-streaming part of the replay

    def __post_init__(self) -> None:
        self.last_seq = self.after_seq

    def item(self, item: Json) -> None:
        seq = item["seq"]
        if self.replaying and seq <= self.after_seq:
            assert streaming_message(item), (
                f"a subscribe after seq {self.after_seq} sent again an item that is not a "
                f"message still streaming: {item}"
            )
            return
        self.replaying = False
        assert seq > self.last_seq, f"seq {seq} came after seq {self.last_seq}: {item}"
        self.last_seq = seq

    def subscribed(self, last_seq: int) -> None:
        assert last_seq >= self.last_seq, f"subscribed at {last_seq} after seq {self.last_seq}"
        self.replaying = False
        self.last_seq = last_seq


def outline(items: Iterable[Json]) -> list[str]:
    """Items in a line each, to read a difference at a glance."""
    return [
        f"{item['seq']} {item['type']} {item['status']} {item['id'][:8]} "
        f"{item.get('content', item.get('label', ''))!r}"
        for item in items
    ]


class Replica:
    def __init__(self, items: Iterable[Json] = ()) -> None:
        self.items = {item["id"]: copy.deepcopy(item) for item in items}
        self.last_seq = max((item["seq"] for item in self.items.values()), default=0)
        self.subscription: Subscription | None = None

    def subscribe(self, *, after_seq: int, clean: bool) -> None:
        """A new subscription starts: the frames that follow are its own."""
        self.subscription = Subscription(after_seq=after_seq, clean=clean)

    def caught_up(self) -> None:
        """The client holds the server's state: deltas from now on extend it exactly."""
        if self.subscription is not None:
            self.subscription.clean = True

    def apply(self, frame: Json) -> None:
        if frame["type"] == "item":
            self._item(frame["item"])
        elif frame["type"] == "delta":
            self._delta(frame)
        elif frame["type"] == "subscribed" and self.subscription is not None:
            self.subscription.subscribed(frame["last_seq"])

    def _item(self, item: Json) -> None:
        if self.subscription is not None:
            self.subscription.item(item)
        known = self.items.get(item["id"])
        if known is None or known["seq"] <= item["seq"]:
            if known is not None and streaming_message(known):
                assert item["content"].startswith(known["content"]), (
                    f"an item frame carries less text than the deltas received: "
                    f"{item['content']!r} after {known['content']!r}"
                )
            self.items[item["id"]] = copy.deepcopy(item)
        self.last_seq = max(self.last_seq, item["seq"])

    def _delta(self, frame: Json) -> None:
        item = self.items.get(frame["item_id"])
        assert item is not None and streaming_message(item), (
            f"a delta for a message the client does not hold as streaming: {frame}, {item}"
        )
        content, offset, text = item["content"], frame["offset"], frame["text"]
        assert offset <= len(content), f"a delta skipped text: {frame} after {content!r}"
        if self.subscription is not None and self.subscription.clean:
            assert offset == len(content), f"a delta did not extend {content!r}: {frame}"
        assert content[offset : offset + len(text)] == text[: len(content) - offset], (
            f"a delta disagrees with the text held: {frame} on {content!r}"
        )
        item["content"] = content[:offset] + text + content[offset + len(text) :]

    def holds(self, last_seq: int, texts: dict[str, str]) -> bool:
        """Whether the client has reached that seq and these streaming messages' texts."""
        return self.last_seq >= last_seq and all(
            self.items.get(item_id, {}).get("content") == text for item_id, text in texts.items()
        )

    def snapshot(self) -> list[Json]:
        return sorted(self.items.values(), key=lambda item: item["seq"])
