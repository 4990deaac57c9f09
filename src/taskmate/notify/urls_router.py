"""``/notify/urls``: a user's Apprise URLs, shown only in their redacted form."""

from __future__ import annotations

from fastapi import APIRouter, Response

from taskmate.api.deps import RuntimeDep
from taskmate.api.routing import ApiRoute, errors
from taskmate.auth.deps import CurrentUser
from taskmate.errors import ValidationFailed
from taskmate.notify.apprise_urls import parsed, redacted
from taskmate.notify.deps import ChannelsDep, NotifyDep, UserWithoutWriting
from taskmate.notify.schemas import ChannelListOut, ChannelOut, NotifyUrlIn, TrialOut
from taskmate.notify.trial import send_trial

router = APIRouter(prefix="/notify/urls", tags=["notifications"], route_class=ApiRoute)

UNKNOWN_URL = (
    "Apprise does not know this kind of URL; ntfy, for one, is ntfys://ntfy.sh/your-topic "
    "(the Apprise wiki lists every service)."
)


@router.get("")
async def list_urls(user: CurrentUser, channels: ChannelsDep) -> ChannelListOut:
    listed = await channels.listing(user, "apprise")
    return ChannelListOut(items=[ChannelOut.of(channel) for channel in listed])


@router.post("", status_code=201, responses=errors(409))
async def add_url(body: NotifyUrlIn, user: CurrentUser, channels: ChannelsDep) -> ChannelOut:
    service = parsed(body.url)
    if service is None:
        raise ValidationFailed.field("url", UNKNOWN_URL)
    channel = await channels.add_url(user, url=body.url, label=redacted(service))
    return ChannelOut.of(channel)


@router.delete("/{url_id}", status_code=204)
async def remove_url(url_id: str, user: CurrentUser, channels: ChannelsDep) -> Response:
    await channels.remove(user, "apprise", url_id)
    return Response(status_code=204)


@router.post("/{url_id}/test", responses=errors(429))
async def test_url(
    url_id: str, user: UserWithoutWriting, runtime: RuntimeDep, notify: NotifyDep
) -> TrialOut:
    return await send_trial(user, "apprise", url_id, runtime=runtime, notify=notify)
