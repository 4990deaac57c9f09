"""The deliverer the reminders scheduler hands fired reminders to: every enabled channel of
the user gets the message in a task of its own, retried with backoff, then turned off.

``deliver`` only starts work and returns, so the scheduler never waits for a service, and
one failing channel never holds up another. Attempts live in memory: a restart in the middle
of the retries of a channel drops them (the in-app notification is there regardless);
whether a channel is turned off, and why, is in the database.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine, Mapping
from datetime import datetime
from typing import Any

import structlog

from taskmate.notify.channel_store import ChannelStore
from taskmate.notify.message import Message, reminder_message
from taskmate.notify.models import ChannelKind
from taskmate.notify.retry import RetryPolicy
from taskmate.notify.sending import ChannelAddress, DeliveryFailed, Sender
from taskmate.reminders.delivery import FiredReminder

logger = structlog.get_logger(__name__)

PUSH_OFF = "Browser notifications are not set up on this server."


class Dispatcher:
    def __init__(
        self,
        *,
        store: ChannelStore,
        senders: Mapping[ChannelKind, Sender],
        retry: RetryPolicy,
        clock: Callable[[], datetime],
    ) -> None:
        self._store = store
        self._senders = senders
        self._retry = retry
        self._clock = clock
        self._tasks: set[asyncio.Task[None]] = set()

    @property
    def push_enabled(self) -> bool:
        return "push" in self._senders

    async def deliver(self, fired: FiredReminder) -> None:
        self._start(self._fan_out(fired.user_id, reminder_message(fired)))

    async def send_once(self, channel: ChannelAddress, message: Message) -> None:
        """One try, bounded in time; raises ``DeliveryFailed``. Errors other than the
        sender's own are logged by type only: their text may quote the address."""
        sender = self._senders.get(channel.kind)
        if sender is None:
            raise DeliveryFailed(PUSH_OFF)
        try:
            async with asyncio.timeout(self._retry.attempt_timeout):
                await sender.send(channel, message)
        except DeliveryFailed:
            raise
        except TimeoutError:
            raise DeliveryFailed(
                f"No answer within {self._retry.attempt_timeout:g} seconds."
            ) from None
        except Exception as error:
            logger.warning("notify_send_crashed", channel_id=channel.id, error=type(error).__name__)
            raise DeliveryFailed("The message could not be sent.") from None

    async def settled(self) -> None:
        """Returns once every delivery started so far (retries included) has ended."""
        while self._tasks:
            await asyncio.wait(set(self._tasks))

    async def close(self) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    def _start(self, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._ended)

    def _ended(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            logger.error("notify_delivery_failed", error=type(task.exception()).__name__)

    async def _fan_out(self, user_id: str, message: Message) -> None:
        for channel in await self._store.enabled_for(user_id):
            self._start(self._deliver(channel, message))

    async def _deliver(self, channel: ChannelAddress, message: Message) -> None:
        failures = 0
        while True:
            try:
                await self.send_once(channel, message)
                return
            except DeliveryFailed as failed:
                failures += 1
                reason = failed.reason
                logger.info(
                    "notify_attempt_failed",
                    channel_id=channel.id,
                    kind=channel.kind,
                    failures=failures,
                    reason=reason,
                )
                if failed.permanent:
                    break
            if failures >= self._retry.attempts:
                reason = f"{reason} Turned off after {failures} tries."
                break
            await self._retry.sleep(self._retry.delay_after(failures))
            if not await self._store.is_enabled(channel.id):
                return
        await self._store.disable(channel.id, reason=reason, at=self._clock())
        logger.warning("notify_channel_disabled", channel_id=channel.id, kind=channel.kind)
