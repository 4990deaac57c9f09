"""The in-process broker: one process, no Redis (the default)."""

from __future__ import annotations

import time
from collections.abc import Sequence

from taskmate.broker.base import Broker
from taskmate.broker.channels import channel_of
from taskmate.broker.fanout import Fanout, Listener
from taskmate.broker.roster import LocalRoster
from taskmate.events import Event


class LocalBroker(Broker):
    def __init__(self) -> None:
        super().__init__()
        self._fanout = Fanout()
        self.roster = LocalRoster()

    async def start(self) -> None:
        return None

    async def close(self) -> None:
        return None

    async def publish(self, events: Sequence[Event]) -> None:
        started = time.perf_counter()
        self._observed(events)
        for event in events:
            self._fanout.deliver(channel_of(event), event)
        self.on_published(events, time.perf_counter() - started)

    async def attach(self, channel: str, listener: Listener) -> None:
        self._fanout.add(channel, listener)

    async def detach(self, channel: str, listener: Listener) -> None:
        self._fanout.remove(channel, listener)
