"""``/push``: the VAPID key, subscriptions validated, renewed, moved, removed; another
user's subscription is not found."""

from __future__ import annotations

import httpx

from taskmate.notify import base64url
from tests.conftest import MakeUser
from tests.helpers import assert_error, error_fields
from tests.notify.subscriber import Subscriber

PUSH = "/api/v1/push"
ENDPOINT = "https://push.example.com/send/abc123"


async def test_the_public_key_is_a_p256_point(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user()
    response = await client.get(f"{PUSH}/key", headers=user.headers)
    assert response.status_code == 200
    point = base64url.decode(response.json()["public_key"])
    assert len(point) == 65 and point[0] == 4


async def test_subscribe_list_renew_and_remove(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user()
    browser = Subscriber(ENDPOINT)
    created = await client.post(
        f"{PUSH}/subscriptions", json=browser.subscription(), headers=user.headers
    )
    assert created.status_code == 201, created.text
    channel = created.json()
    assert channel["label"] == "Browser · push.example.com"
    assert channel["disabled_at"] is None
    assert ENDPOINT not in created.text

    renewed = await client.post(
        f"{PUSH}/subscriptions", json=Subscriber(ENDPOINT).subscription(), headers=user.headers
    )
    assert renewed.status_code == 200
    assert renewed.json()["id"] == channel["id"]
    listed = (await client.get(f"{PUSH}/subscriptions", headers=user.headers)).json()["items"]
    assert [item["id"] for item in listed] == [channel["id"]]

    gone = await client.delete(f"{PUSH}/subscriptions/{channel['id']}", headers=user.headers)
    assert gone.status_code == 204
    assert (await client.get(f"{PUSH}/subscriptions", headers=user.headers)).json()["items"] == []


async def test_malformed_subscriptions_are_refused(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user()
    good = Subscriber(ENDPOINT).subscription()
    cases = {
        "endpoint": {**good, "endpoint": "http://push.example.com/x"},
        "keys.p256dh": {**good, "keys": {**good["keys"], "p256dh": "BAAA"}},
        "keys.auth": {**good, "keys": {**good["keys"], "auth": "c2hvcnQ"}},
    }
    for field, body in cases.items():
        response = await client.post(f"{PUSH}/subscriptions", json=body, headers=user.headers)
        assert field in error_fields(response), (field, response.text)


async def test_another_users_subscription_is_not_found(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    owner, other = await make_user(), await make_user()
    created = await client.post(
        f"{PUSH}/subscriptions", json=Subscriber(ENDPOINT).subscription(), headers=owner.headers
    )
    path = f"{PUSH}/subscriptions/{created.json()['id']}"
    assert_error(await client.delete(path, headers=other.headers), 404, "not_found")
    assert_error(await client.post(f"{path}/test", headers=other.headers), 404, "not_found")
    listed = await client.get(f"{PUSH}/subscriptions", headers=other.headers)
    assert listed.json()["items"] == []
    assert (await client.get(f"{PUSH}/subscriptions", headers=owner.headers)).json()["items"]


async def test_a_browser_subscribed_by_another_account_moves_to_it(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    first, second = await make_user(), await make_user()
    body = Subscriber(ENDPOINT).subscription()
    await client.post(f"{PUSH}/subscriptions", json=body, headers=first.headers)
    moved = await client.post(f"{PUSH}/subscriptions", json=body, headers=second.headers)
    assert moved.status_code == 201
    assert (await client.get(f"{PUSH}/subscriptions", headers=first.headers)).json()["items"] == []


async def test_personal_access_tokens_cannot_manage_notifications(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user()
    token = await client.post(
        "/api/v1/tokens", json={"name": "script", "scopes": ["tasks:write"]}, headers=user.headers
    )
    headers = {"Authorization": f"Bearer {token.json()['token']}"}
    response = await client.get(f"{PUSH}/subscriptions", headers=headers)
    assert response.status_code == 403, response.text
