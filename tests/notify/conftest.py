"""Fixtures of the notification tests: a local receiver and a retry policy whose waits are
recorded instead of waited."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from taskmate.notify.retry import RetryPolicy
from taskmate.notify.vapid import private_key_text
from tests.notify.receiver import Receiver, receiving


class RecordedWaits(list[float]):
    """The controllable clock of retries: ``sleep`` notes the delay and returns at once."""

    async def sleep(self, delay: float) -> None:
        self.append(delay)


VAPID_PRIVATE_KEY = private_key_text(ec.generate_private_key(ec.SECP256R1()))


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    """Explicit VAPID keys: on PostgreSQL (as with several instances) generated ones are not
    used, so Web Push would be off."""
    return {"vapid_private_key": VAPID_PRIVATE_KEY}


@pytest.fixture
def waits() -> RecordedWaits:
    return RecordedWaits()


@pytest.fixture
def retry_policy(waits: RecordedWaits) -> RetryPolicy:
    return RetryPolicy(attempts=4, first_delay=1.0, factor=2.0, max_delay=3.0, sleep=waits.sleep)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with receiving() as server:
        yield server
