"""What a test knows a conversation must hold, whatever the interleaving: the messages
sent (by ``client_id``, with the answer to their first send) and the regenerations asked."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from tests.chat.transports.replica import Json
from tests.conftest import Account


@dataclass(frozen=True, kw_only=True)
class Sent:
    author: Account
    client_id: str
    content: str
    item_id: str
    generation_id: str | None


@dataclass(kw_only=True)
class ConversationModel:
    sent: dict[str, Sent] = field(default_factory=dict)  # by client_id, in sending order
    regenerated: Counter[str] = field(default_factory=Counter)  # by message item id
    finalized: bool = False
    serial: int = 0

    def next_serial(self) -> int:
        self.serial += 1
        return self.serial

    def record(self, sent: Sent) -> None:
        assert sent.client_id not in self.sent
        self.sent[sent.client_id] = sent

    @property
    def latest(self) -> Sent | None:
        """The last message sent, which ``regenerate`` answers again."""
        return next(reversed(self.sent.values()), None)

    def check_messages(self, items: list[Json]) -> None:
        """Exactly one message per ``client_id``: the one its first send created."""
        by_client_id = Counter(
            item["client_id"]
            for item in items
            if item["type"] == "message" and item["role"] == "user"
        )
        assert by_client_id == Counter(self.sent.keys()), (
            f"messages per client_id {dict(by_client_id)}, sent {list(self.sent)}"
        )
        ids = {item["client_id"]: item["id"] for item in items if item.get("client_id")}
        for sent in self.sent.values():
            assert ids[sent.client_id] == sent.item_id, f"{sent.client_id} changed its item"

    def check_generations(self, answering: Counter[str]) -> None:
        """At most one generation per ``client_id`` (one more per regeneration):
        ``answering`` counts the generations answering each message item."""
        for sent in self.sent.values():
            expected = (sent.generation_id is not None) + self.regenerated[sent.item_id]
            assert answering[sent.item_id] == expected, (
                f"{answering[sent.item_id]} generations answer {sent.content!r}, "
                f"expected {expected}"
            )
