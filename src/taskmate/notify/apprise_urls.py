"""Apprise URLs (``ntfys://ntfy.sh/topic``, ``tgram://…``, ``mailtos://…`` and 100 more):
checking one, the form people see, and sending through one."""

from __future__ import annotations

from urllib.parse import urlsplit

import apprise

from taskmate.notify.message import Message
from taskmate.notify.sending import ChannelAddress, DeliveryFailed

KEEP = 1  # characters kept at each end of a path segment in the form people see


def parsed(url: str) -> apprise.NotifyBase | None:
    """The Apprise service behind ``url``, or ``None`` when Apprise knows no such URL."""
    return apprise.Apprise.instantiate(url.strip(), suppress_exceptions=True)


def _masked(segment: str) -> str:
    if len(segment) <= 2 * KEEP + 1 or "..." in segment:
        return segment
    return f"{segment[:KEEP]}…{segment[-KEEP:]}"


def redacted(service: apprise.NotifyBase) -> str:
    """``ntfy · ntfys://ntfy.sh/m…c``: the service and where, without its secrets.

    Apprise's own private form hides passwords and tokens; it shows topics, webhook paths
    and the like, which are often secrets too, so each path segment keeps only its ends and
    the query (options) is left out."""
    private = urlsplit(service.url(privacy=True))  # type: ignore[no-untyped-call]
    path = "/".join(_masked(segment) for segment in private.path.split("/"))
    return f"{service.service_name} · {private.scheme}://{private.netloc}{path}".rstrip("/")


class AppriseSender:
    def __init__(self, *, timeout: float) -> None:
        self._timeout = timeout

    async def send(self, channel: ChannelAddress, message: Message) -> None:
        service = parsed(channel.address)
        if service is None:
            raise DeliveryFailed("Apprise no longer accepts this URL.", permanent=True)
        notifier = apprise.Apprise()
        notifier.add(service)
        result = await notifier.async_notify(
            title=message.title, body=message.body, timeout=self._timeout
        )
        if not result:
            raise DeliveryFailed(f"{service.service_name} did not accept the message.")
