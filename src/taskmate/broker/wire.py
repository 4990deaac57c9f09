"""Events as JSON on Redis, tagged with the instance that published them and when (wall
clock seconds, for the delivery latency metric; absent from older publishers)."""

from __future__ import annotations

import json
import time

from taskmate.events import ConversationEvent, DomainEvent, Event


def encode(origin: str, event: Event) -> bytes:
    body: dict[str, object]
    if isinstance(event, DomainEvent):
        body = {"u": event.user_id, "k": event.kind, "a": event.action, "p": event.payload}
    else:
        body = {"c": event.conversation_id, "k": event.kind, "p": event.payload, "s": event.seq}
    body["o"] = origin
    body["t"] = round(time.time(), 6)
    return json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode()


def decode(data: bytes) -> tuple[str, float | None, Event]:
    """The origin, the time it was sent and the event. Raises ``ValueError`` or ``KeyError``
    on a foreign message."""
    body = json.loads(data)
    event: Event
    if "u" in body:
        event = DomainEvent(user_id=body["u"], kind=body["k"], action=body["a"], payload=body["p"])
    else:
        event = ConversationEvent(
            conversation_id=body["c"], kind=body["k"], payload=body["p"], seq=body["s"]
        )
    sent_at = body.get("t")
    return str(body["o"]), float(sent_at) if sent_at is not None else None, event
