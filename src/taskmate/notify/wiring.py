"""Delivery outside the app, in the app: the dispatcher with a sender per channel kind
(Web Push only where VAPID keys can be had), kept on the app's state for the routers and
the reminders scheduler, and closed with the app."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace

from starlette.datastructures import State

from taskmate.api.runtime import Runtime
from taskmate.notify.apprise_urls import AppriseSender
from taskmate.notify.channel_store import ChannelStore
from taskmate.notify.dispatcher import Dispatcher
from taskmate.notify.models import ChannelKind
from taskmate.notify.retry import RetryPolicy
from taskmate.notify.sending import Sender
from taskmate.notify.vapid import load_vapid_keys
from taskmate.notify.web_push import WebPushSender
from taskmate.reminders.delivery import Deliverer
from taskmate.reminders.wiring import ReminderPolicy

NOTIFY_STATE = "notify"


@dataclass(frozen=True, kw_only=True)
class Notify:
    dispatcher: Dispatcher
    vapid_public_key: str | None  # None: Web Push is off on this deployment


def install_notify(state: State, runtime: Runtime, retry: RetryPolicy) -> Notify:
    """Reads or generates the VAPID keys (a ``SettingsError`` for unusable ones)."""
    keys = load_vapid_keys(runtime.settings)
    senders: dict[ChannelKind, Sender] = {"apprise": AppriseSender(timeout=retry.attempt_timeout)}
    if keys is not None:
        senders["push"] = WebPushSender(keys)
    dispatcher = Dispatcher(
        store=ChannelStore(runtime.database),
        senders=senders,
        retry=retry,
        clock=lambda: runtime.clock(),  # tests replace runtime.clock
    )
    public_key = keys.public_key if keys is not None else None
    notify = Notify(dispatcher=dispatcher, vapid_public_key=public_key)
    setattr(state, NOTIFY_STATE, notify)
    return notify


def notify_of(state: State) -> Notify:
    notify: Notify = getattr(state, NOTIFY_STATE)
    return notify


def deliverers(state: State) -> list[Deliverer]:
    """What the reminders scheduler hands each fired reminder to, after commit."""
    return [notify_of(state).dispatcher]


def with_deliverers(policy: ReminderPolicy, state: State) -> ReminderPolicy:
    """The scheduler's policy with the app's deliverers before any the policy names."""
    return replace(policy, deliverers=[*deliverers(state), *policy.deliverers])


@asynccontextmanager
async def delivering(notify: Notify) -> AsyncIterator[None]:
    """Deliveries still retrying when the app stops are dropped (their in-app notification
    stays)."""
    try:
        yield
    finally:
        await notify.dispatcher.close()
