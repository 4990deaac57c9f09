"""The Redis broker: live events shared by every instance through Redis pub/sub.

Each instance holds one pub/sub connection, subscribed to exactly the channels its local
listeners follow (``SUBSCRIBE`` when a channel gets its first listener, ``UNSUBSCRIBE`` when
it loses its last). Local listeners get events directly, without the round trip, so they
keep working while Redis is away; messages an instance published itself are skipped when
they come back from Redis.

Pub/sub is at most once. When the connection drops, the instance reconnects with backoff,
subscribes again to every channel with listeners, and then delivers a ``resync`` event to all
of them: they read the database after the last change they delivered (the tail of the log
may have been lost). A publish that fails is remembered per channel, and after reconnecting
the instance publishes a ``resync`` there too, for the other instances' listeners.

Publishing never raises: a Redis outage never fails a client's write.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Iterable, Sequence
from contextlib import suppress
from typing import Any

import structlog
from redis.asyncio import Redis
from redis.asyncio.client import PubSub
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import RedisError

from taskmate.broker.base import Broker
from taskmate.broker.channels import channel_of, resync_for
from taskmate.broker.fanout import Fanout, Listener
from taskmate.broker.redis_roster import RedisRoster
from taskmate.broker.wire import decode, encode
from taskmate.events import Event

logger = structlog.get_logger(__name__)

CHANNEL_PREFIX = "taskmate:"
RESYNC_TOKEN = "taskmate-resync"
HEALTH_TOKEN = "taskmate-health"
BACKOFF_MIN = 0.05
BACKOFF_MAX = 5.0
BARRIER_TIMEOUT = 5.0
SOCKET_TIMEOUT = 2.0
CONNECTION_ERRORS = (RedisError, OSError)


class RedisBroker(Broker):
    def __init__(
        self,
        url: str,
        *,
        instance_id: str,
        health_interval: float = 5.0,
        roster_ttl: float = 60.0,
    ) -> None:
        super().__init__()
        # No retries inside redis-py: a lost connection must surface here, so that the
        # instance subscribes again and resyncs its listeners.
        self.connection_name = f"taskmate-{instance_id}"  # in Redis's CLIENT LIST
        self._client: Redis = Redis.from_url(
            url,
            client_name=self.connection_name,
            retry=Retry(NoBackoff(), 0),
            socket_connect_timeout=SOCKET_TIMEOUT,
            socket_timeout=SOCKET_TIMEOUT,
        )
        self._origin = instance_id
        self._health_interval = health_interval
        self._fanout = Fanout()
        self._lock = asyncio.Lock()  # orders (un)subscribe commands as the fanout changes
        self._pubsub: PubSub | None = None  # set while connected
        self._barriers: dict[str, asyncio.Future[None]] = {}
        self._owed: set[str] = set()  # channels whose publish failed: they get a resync
        self._tasks: list[asyncio.Task[None]] = []
        self._roster = RedisRoster(self._client, ttl=roster_ttl)
        self.roster = self._roster

    @property
    def connected(self) -> bool:
        return self._pubsub is not None

    async def start(self) -> None:
        self._tasks = [
            asyncio.create_task(self._stay_connected(), name="taskmate-broker"),
            asyncio.create_task(self._roster.keep_alive(), name="taskmate-roster"),
        ]

    async def close(self) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks = []
        await self._client.aclose()

    async def publish(self, events: Sequence[Event]) -> None:
        started = time.perf_counter()
        self._observed(events)
        for event in events:
            self._fanout.deliver(channel_of(event), event)
        if self._pubsub is None:
            self._owed.update(channel_of(event) for event in events)
            return
        try:
            await self._send(events)
        except CONNECTION_ERRORS as error:
            self._owed.update(channel_of(event) for event in events)
            logger.warning("broker_publish_failed", error=str(error))
            return
        self.on_published(events, time.perf_counter() - started)

    async def attach(self, channel: str, listener: Listener) -> None:
        async with self._lock:
            first = self._fanout.add(channel, listener)
            pubsub = self._pubsub
            if pubsub is None:
                return  # subscribed, and resynced, when the connection is back
            try:
                if first:
                    await pubsub.subscribe(CHANNEL_PREFIX + channel)
                token, barrier = await self._send_barrier(pubsub)
            except CONNECTION_ERRORS as error:
                logger.warning("broker_subscribe_failed", channel=channel, error=str(error))
                self._pubsub = None  # the receiver starts over: subscribes again, resyncs
                return
        try:
            await asyncio.wait_for(asyncio.shield(barrier), BARRIER_TIMEOUT)
        except TimeoutError:
            logger.warning("broker_subscribe_unconfirmed", channel=channel)
        finally:
            self._barriers.pop(token, None)

    async def detach(self, channel: str, listener: Listener) -> None:
        async with self._lock:
            pubsub = self._pubsub
            if self._fanout.remove(channel, listener) and pubsub is not None:
                try:
                    await pubsub.unsubscribe(CHANNEL_PREFIX + channel)
                except CONNECTION_ERRORS as error:
                    logger.warning("broker_unsubscribe_failed", channel=channel, error=str(error))
                    self._pubsub = None

    async def _send(self, events: Iterable[Event]) -> None:
        async with self._client.pipeline(transaction=False) as pipe:
            for event in events:
                pipe.publish(CHANNEL_PREFIX + channel_of(event), encode(self._origin, event))
            await pipe.execute()

    async def _send_barrier(self, pubsub: PubSub) -> tuple[str, asyncio.Future[None]]:
        """A PING behind the commands sent so far: its answer means Redis has done them."""
        token = uuid.uuid4().hex
        barrier = asyncio.get_running_loop().create_future()
        self._barriers[token] = barrier
        await pubsub.ping(token)
        return token, barrier

    async def _stay_connected(self) -> None:
        delay = BACKOFF_MIN
        while True:
            pubsub = self._client.pubsub()
            try:
                await self._connect(pubsub)
                delay = BACKOFF_MIN
                await self._receive(pubsub)
            except CONNECTION_ERRORS as error:
                logger.warning("broker_disconnected", error=str(error), retry_in=delay)
            finally:
                await self._disconnect(pubsub)
            await asyncio.sleep(delay)
            delay = min(delay * 2, BACKOFF_MAX)

    async def _connect(self, pubsub: PubSub) -> None:
        await pubsub.connect()  # type: ignore[no-untyped-call]
        async with self._lock:
            channels = [CHANNEL_PREFIX + channel for channel in self._fanout.channels()]
            if channels:
                await pubsub.subscribe(*channels)
            await pubsub.ping(RESYNC_TOKEN)
            self._pubsub = pubsub
        logger.info("broker_connected", channels=len(channels))

    async def _disconnect(self, pubsub: PubSub) -> None:
        self._pubsub = None
        for barrier in self._barriers.values():
            if not barrier.done():
                barrier.set_result(None)
        with suppress(Exception):
            await pubsub.aclose()  # type: ignore[no-untyped-call]

    async def _receive(self, pubsub: PubSub) -> None:
        unanswered = 0
        while self._pubsub is pubsub:
            message = await pubsub.get_message(timeout=self._health_interval)
            if message is None:
                unanswered += 1
                if unanswered > 2:
                    raise ConnectionError("Redis stopped answering health checks")
                await pubsub.ping(HEALTH_TOKEN)
                continue
            unanswered = 0
            if message["type"] == "message":
                self._deliver(message)
            elif message["type"] == "pong":
                await self._answered(message["data"].decode())
        raise ConnectionError("a command on the connection failed")

    def _deliver(self, message: dict[str, Any]) -> None:
        channel = message["channel"].decode().removeprefix(CHANNEL_PREFIX)
        try:
            origin, sent_at, event = decode(message["data"])
        except (ValueError, KeyError, TypeError):
            logger.warning("broker_message_unreadable", channel=channel)
            return
        if origin != self._origin:
            self._fanout.deliver(channel, event)
            if sent_at is not None:
                self.on_delivered(time.time() - sent_at)

    async def _answered(self, token: str) -> None:
        if token == RESYNC_TOKEN:
            self._fanout.resync_all()
            await self._settle_debts()
            return
        barrier = self._barriers.get(token)
        if barrier is not None and not barrier.done():
            barrier.set_result(None)

    async def _settle_debts(self) -> None:
        owed, self._owed = self._owed, set()
        if not owed:
            return
        try:
            await self._send(resync_for(channel) for channel in owed)
        except CONNECTION_ERRORS as error:
            self._owed |= owed
            logger.warning("broker_resync_publish_failed", error=str(error))
