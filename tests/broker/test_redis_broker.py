"""The Redis broker: instances share channels and the roster, survive a lost connection,
and never fail a publisher when Redis is away."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator

import pytest
import redis.asyncio

from taskmate.broker import RedisBroker
from taskmate.events import ConversationEvent, DomainEvent, Event
from tests.live_server import until

WAIT = 5.0


class Heard:
    """A listener that can be awaited."""

    def __init__(self) -> None:
        self.events: asyncio.Queue[Event] = asyncio.Queue()

    def __call__(self, event: Event) -> None:
        self.events.put_nowait(event)

    async def next(self) -> Event:
        return await asyncio.wait_for(self.events.get(), WAIT)


def item(conversation_id: str, seq: int) -> ConversationEvent:
    return ConversationEvent(conversation_id=conversation_id, kind="item", seq=seq)


@pytest.fixture
async def brokers(redis_url: str) -> AsyncIterator[tuple[RedisBroker, RedisBroker]]:
    pair = (
        RedisBroker(redis_url, instance_id=f"a-{uuid.uuid4()}"),
        RedisBroker(redis_url, instance_id=f"b-{uuid.uuid4()}"),
    )
    for broker in pair:
        await broker.start()
    await until(lambda: all(broker.connected for broker in pair))
    yield pair
    for broker in pair:
        await broker.close()


async def test_an_event_reaches_every_instance_once(
    brokers: tuple[RedisBroker, RedisBroker],
) -> None:
    a, b = brokers
    conversation = str(uuid.uuid4())
    here, there = Heard(), Heard()
    await a.listen_conversation(conversation, here)
    await b.listen_conversation(conversation, there)
    await a.publish([item(conversation, 1)])  # published right after subscribing: not lost
    assert await here.next() == item(conversation, 1)
    assert await there.next() == item(conversation, 1)
    await b.publish([item(conversation, 2)])
    assert await here.next() == item(conversation, 2)
    assert await there.next() == item(conversation, 2)
    assert here.events.empty()
    assert there.events.empty()


async def test_a_stopped_listener_hears_nothing_more(
    brokers: tuple[RedisBroker, RedisBroker],
) -> None:
    a, b = brokers
    user, other = str(uuid.uuid4()), str(uuid.uuid4())
    stopped, still = Heard(), Heard()
    listening = await b.listen_user(user, stopped)
    await b.listen_user(other, still)
    await listening.stop()
    await a.publish([DomainEvent(user_id=user, kind="task", action="created")])
    await a.publish([DomainEvent(user_id=other, kind="task", action="created")])
    assert (await still.next()).user_id == other  # type: ignore[union-attr]
    assert stopped.events.empty()  # the first publish would have arrived before the second


async def test_the_roster_is_shared(brokers: tuple[RedisBroker, RedisBroker]) -> None:
    a, b = brokers
    group = f"test:{uuid.uuid4()}"
    assert await a.roster.add(group, "x") == ["x"]
    assert await b.roster.add(group, "y") == ["x", "y"]
    assert await a.roster.remove(group, "x") == ["y"]
    assert await b.roster.remove(group, "y") == []


async def test_listeners_are_resynced_after_the_connection_is_lost(
    brokers: tuple[RedisBroker, RedisBroker], redis_url: str
) -> None:
    a, b = brokers
    conversation = str(uuid.uuid4())
    there = Heard()
    await b.listen_conversation(conversation, there)
    async with redis.asyncio.Redis.from_url(redis_url) as admin:
        await admin.client_kill_filter(_type="pubsub")
    resync = await there.next()
    assert isinstance(resync, ConversationEvent)
    assert (resync.kind, resync.conversation_id) == ("resync", conversation)
    await until(lambda: a.connected and b.connected)
    await a.publish([item(conversation, 1)])
    assert await there.next() == item(conversation, 1)


async def test_a_publish_while_disconnected_is_followed_by_a_resync_for_the_others(
    brokers: tuple[RedisBroker, RedisBroker], redis_url: str
) -> None:
    a, b = brokers
    conversation = str(uuid.uuid4())
    there = Heard()
    await b.listen_conversation(conversation, there)
    async with redis.asyncio.Redis.from_url(redis_url) as admin:
        for connection in await admin.client_list():
            if connection["name"] == a.connection_name:
                await admin.client_kill_filter(_id=connection["id"])
    await until(lambda: not a.connected)
    await a.publish([item(conversation, 1)])  # Redis never sees it
    resync = await there.next()
    assert isinstance(resync, ConversationEvent)
    assert resync.kind == "resync"


async def test_an_unreachable_redis_never_fails_a_publisher() -> None:
    broker = RedisBroker("redis://127.0.0.1:1/0", instance_id="alone")
    await broker.start()
    try:
        here = Heard()
        await broker.listen_conversation("c1", here)
        await broker.publish([item("c1", 1)])
        assert await here.next() == item("c1", 1)  # this instance's listeners still hear it
        assert await broker.roster.add("g", "x") == ["x"]  # this instance's view
    finally:
        await broker.close()


async def test_the_metrics_hooks_hear_publishes_and_deliveries_from_other_instances(
    brokers: tuple[RedisBroker, RedisBroker],
) -> None:
    a, b = brokers
    published: list[tuple[int, float]] = []
    delivered: list[float] = []
    a.on_published = lambda events, seconds: published.append((len(events), seconds))
    b.on_delivered = delivered.append
    conversation = str(uuid.uuid4())
    there = Heard()
    await b.listen_conversation(conversation, there)
    await a.publish([item(conversation, 1), item(conversation, 2)])
    await there.next()
    await there.next()
    assert [count for count, _seconds in published] == [2]
    assert len(delivered) == 2 and all(latency >= 0 for latency in delivered)
