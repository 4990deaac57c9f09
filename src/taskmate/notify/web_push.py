"""Web Push (RFC 8030) with VAPID through pywebpush: the payload encrypted for the browser's
keys (aes128gcm, RFC 8291) and posted to its push service."""

from __future__ import annotations

import json

import aiohttp
from pywebpush import WebPushException, webpush_async  # type: ignore[import-untyped]

from taskmate.notify.message import Message
from taskmate.notify.sending import ChannelAddress, DeliveryFailed
from taskmate.notify.vapid import VapidKeys

TIME_TO_LIVE = 4 * 60 * 60  # seconds a push service keeps a reminder for a device offline
GONE = {404, 410}  # the subscription ended (RFC 8030 §7.3): no retry can help
REFUSED_KEY = {401, 403}  # the push service refuses our VAPID key


def _failure(status: int | None) -> DeliveryFailed:
    if status in GONE:
        return DeliveryFailed(
            "The browser's subscription has ended (its push service no longer knows it). "
            "Enable browser notifications there again.",
            permanent=True,
        )
    if status in REFUSED_KEY:
        return DeliveryFailed(
            "The push service refused this server's key (were its VAPID keys changed?). "
            "Enable browser notifications there again.",
            permanent=True,
        )
    if status is None:
        return DeliveryFailed("The browser's push service could not be reached.")
    return DeliveryFailed(f"The browser's push service did not accept the message (HTTP {status}).")


class WebPushSender:
    def __init__(self, keys: VapidKeys) -> None:
        self._keys = keys

    async def send(self, channel: ChannelAddress, message: Message) -> None:
        subscription = {
            "endpoint": channel.address,
            "keys": {"p256dh": channel.p256dh, "auth": channel.auth},
        }
        try:
            await webpush_async(
                subscription,
                data=json.dumps(message.push_payload()),
                vapid_private_key=self._keys.signer,
                vapid_claims={"sub": self._keys.subject},
                ttl=TIME_TO_LIVE,
                headers={"Urgency": "high", "Topic": message.topic},
            )
        except WebPushException as error:
            raise _failure(error.response.status if error.response is not None else None) from None
        except (aiohttp.ClientError, OSError, TimeoutError):
            raise _failure(None) from None
