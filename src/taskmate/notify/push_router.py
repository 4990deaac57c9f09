"""``/push``: the server's VAPID public key, and the browsers' push subscriptions."""

from __future__ import annotations

from fastapi import APIRouter, Response

from taskmate.api.deps import RuntimeDep
from taskmate.api.routing import ApiRoute, errors
from taskmate.auth.deps import CurrentUser
from taskmate.errors import NotFound
from taskmate.notify.deps import ChannelsDep, NotifyDep, UserWithoutWriting
from taskmate.notify.dispatcher import PUSH_OFF
from taskmate.notify.schemas import (
    ChannelListOut,
    ChannelOut,
    PushKeyOut,
    PushSubscriptionIn,
    TrialOut,
)
from taskmate.notify.trial import send_trial

router = APIRouter(prefix="/push", tags=["notifications"], route_class=ApiRoute)


@router.get("/key", responses=errors(404))
async def push_key(user: CurrentUser, notify: NotifyDep) -> PushKeyOut:
    if notify.vapid_public_key is None:
        raise NotFound(PUSH_OFF)
    return PushKeyOut(public_key=notify.vapid_public_key)


@router.get("/subscriptions")
async def list_subscriptions(user: CurrentUser, channels: ChannelsDep) -> ChannelListOut:
    listed = await channels.listing(user, "push")
    return ChannelListOut(items=[ChannelOut.of(channel) for channel in listed])


@router.post(
    "/subscriptions",
    status_code=201,
    responses={200: {"model": ChannelOut, "description": "Renewed"}, **errors(404, 409)},
)
async def subscribe(
    body: PushSubscriptionIn,
    user: CurrentUser,
    channels: ChannelsDep,
    notify: NotifyDep,
    response: Response,
) -> ChannelOut:
    """201 for a new subscription; 200 when this browser's subscription is renewed."""
    if notify.vapid_public_key is None:
        raise NotFound(PUSH_OFF)
    channel, created = await channels.subscribe_push(
        user, endpoint=body.endpoint, p256dh=body.keys.p256dh, auth=body.keys.auth
    )
    response.status_code = 201 if created else 200
    return ChannelOut.of(channel)


@router.delete("/subscriptions/{subscription_id}", status_code=204)
async def unsubscribe(subscription_id: str, user: CurrentUser, channels: ChannelsDep) -> Response:
    await channels.remove(user, "push", subscription_id)
    return Response(status_code=204)


@router.post("/subscriptions/{subscription_id}/test", responses=errors(429))
async def test_subscription(
    subscription_id: str, user: UserWithoutWriting, runtime: RuntimeDep, notify: NotifyDep
) -> TrialOut:
    return await send_trial(user, "push", subscription_id, runtime=runtime, notify=notify)
