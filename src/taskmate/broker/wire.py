"""Events as JSON on Redis, tagged with the instance that published them."""

from __future__ import annotations

import json

from taskmate.events import ConversationEvent, DomainEvent, Event


def encode(origin: str, event: Event) -> bytes:
    body: dict[str, object]
    if isinstance(event, DomainEvent):
        body = {"u": event.user_id, "k": event.kind, "a": event.action, "p": event.payload}
    else:
        body = {"c": event.conversation_id, "k": event.kind, "p": event.payload, "s": event.seq}
    body["o"] = origin
    return json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode()


def decode(data: bytes) -> tuple[str, Event]:
    """The origin and the event. Raises ``ValueError`` or ``KeyError`` on a foreign message."""
    body = json.loads(data)
    event: Event
    if "u" in body:
        event = DomainEvent(user_id=body["u"], kind=body["k"], action=body["a"], payload=body["p"])
    else:
        event = ConversationEvent(
            conversation_id=body["c"], kind=body["k"], payload=body["p"], seq=body["s"]
        )
    return str(body["o"]), event
