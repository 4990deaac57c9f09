"""The in-process broker: channels, transient frames, queues and the roster."""

from __future__ import annotations

import pytest

from taskmate.broker import LocalBroker
from taskmate.events import ConversationEvent, DomainEvent, Event


async def test_events_reach_the_listeners_of_their_channel_only() -> None:
    broker = LocalBroker()
    heard: list[tuple[str, Event]] = []
    alice = await broker.listen_user("alice", lambda event: heard.append(("alice", event)))
    await broker.listen_user("bob", lambda event: heard.append(("bob", event)))
    await broker.listen_conversation("c1", lambda event: heard.append(("c1", event)))
    task = DomainEvent(user_id="alice", kind="task", action="created", payload={"id": 1})
    item = ConversationEvent(conversation_id="c1", kind="item", seq=1, payload={"id": "i"})
    await broker.publish([task, item])
    assert heard == [("alice", task), ("c1", item)]
    await alice.stop()
    await alice.stop()  # stopping twice is harmless
    await broker.publish([task])
    assert heard == [("alice", task), ("c1", item)]


async def test_a_failing_listener_does_not_keep_the_event_from_the_others() -> None:
    broker = LocalBroker()
    heard: list[Event] = []

    def broken(_event: Event) -> None:
        raise RuntimeError("bug")

    await broker.listen_conversation("c1", broken)
    await broker.listen_conversation("c1", heard.append)
    await broker.publish([ConversationEvent(conversation_id="c1", kind="receipt")])
    assert len(heard) == 1


async def test_transient_frames_are_conversation_events_of_their_type() -> None:
    broker = LocalBroker()
    async with broker.subscribe_conversation("c1") as queue:
        frame = {"type": "delta", "conversation_id": "c1", "item_id": "i", "offset": 0, "text": "a"}
        await broker.publish_transient("c1", frame)
        event = queue.get_nowait()
        assert (event.kind, event.payload, event.seq) == ("delta", frame, None)
    with pytest.raises(ValueError, match="transient"):
        await broker.publish_transient("c1", {"type": "item"})


async def test_a_full_queue_drops_its_oldest_event() -> None:
    broker = LocalBroker()
    async with broker.subscribe("alice") as queue:
        events = [
            DomainEvent(user_id="alice", kind="task", action="updated", payload={"id": n})
            for n in range(queue.maxsize + 1)
        ]
        await broker.publish(events)
        assert queue.qsize() == queue.maxsize
        assert queue.get_nowait().payload == {"id": 1}


async def test_the_roster_lists_each_groups_entries() -> None:
    roster = LocalBroker().roster
    assert await roster.add("g", "b") == ["b"]
    assert await roster.add("g", "a") == ["a", "b"]
    assert await roster.add("h", "c") == ["c"]
    assert await roster.remove("g", "b") == ["a"]
    assert await roster.remove("g", "a") == []
    assert await roster.remove("g", "a") == []


async def test_observers_see_every_event_published_here_until_they_stop() -> None:
    broker = LocalBroker()
    seen: list[Event] = []
    stop = broker.observe(seen.append)
    task = DomainEvent(user_id="alice", kind="task", action="created", payload={"id": 1})
    item = ConversationEvent(conversation_id="c1", kind="item", seq=1, payload={"id": "i"})
    await broker.publish([task, item])  # nobody listens on these channels: observed anyway
    assert seen == [task, item]
    stop()
    await broker.publish([task])
    assert seen == [task, item]
