"""Live delivery of events: in-process by default, through Redis when it is configured."""

from __future__ import annotations

from taskmate.broker.base import Broker, Listening
from taskmate.broker.local import LocalBroker
from taskmate.broker.redis_broker import RedisBroker
from taskmate.config import Settings

__all__ = ["Broker", "Listening", "LocalBroker", "RedisBroker", "build_broker"]


def build_broker(settings: Settings, *, instance_id: str) -> Broker:
    if settings.redis_url:
        return RedisBroker(settings.redis_url, instance_id=instance_id)
    return LocalBroker()
