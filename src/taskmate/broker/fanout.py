"""The listeners of each channel inside one process."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import structlog

from taskmate.broker.channels import resync_for
from taskmate.events import Event

logger = structlog.get_logger(__name__)

# A listener takes the events of one channel: ``DomainEvent``s on a user's channel,
# ``ConversationEvent``s on a conversation's. It runs inside ``publish`` and must not block:
# it hands the event on (to a bounded queue) and returns.
Listener = Callable[[Any], None]


class Fanout:
    def __init__(self) -> None:
        self._listeners: dict[str, dict[Listener, None]] = {}

    def add(self, channel: str, listener: Listener) -> bool:
        """Adds a listener; True when it is the channel's first."""
        listeners = self._listeners.setdefault(channel, {})
        listeners[listener] = None
        return len(listeners) == 1

    def remove(self, channel: str, listener: Listener) -> bool:
        """Removes a listener; True when the channel has none left."""
        listeners = self._listeners.get(channel)
        if listeners is None or listener not in listeners:
            return False
        del listeners[listener]
        if listeners:
            return False
        del self._listeners[channel]
        return True

    def channels(self) -> list[str]:
        return list(self._listeners)

    def deliver(self, channel: str, event: Event) -> None:
        for listener in tuple(self._listeners.get(channel, ())):
            try:
                listener(event)
            except Exception:
                logger.exception("listener_failed", channel=channel)

    def resync_all(self) -> None:
        for channel in self.channels():
            self.deliver(channel, resync_for(channel))
