"""``/notify/urls``: Apprise URLs added (checked, never echoed back whole), tested through a
local ``json://`` server, removed; another user's URL is not found."""

from __future__ import annotations

import httpx

from taskmate.api.runtime import Runtime
from taskmate.notify.channel_store import ChannelStore
from tests.conftest import MakeUser
from tests.helpers import assert_error, error_fields
from tests.notify.receiver import Receiver

URLS = "/api/v1/notify/urls"
SECRET_TOPIC = "kitchen-7f3a9c2e"


async def test_a_url_is_shown_redacted_and_never_whole(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user()
    url = f"ntfys://alice:hunter22@ntfy.example.com/{SECRET_TOPIC}"
    created = await client.post(URLS, json={"url": url}, headers=user.headers)
    assert created.status_code == 201, created.text
    assert created.json()["label"] == "ntfy · ntfys://alice:****@ntfy.example.com/k…e"
    listed = await client.get(URLS, headers=user.headers)
    for response in (created, listed):
        assert SECRET_TOPIC not in response.text and "hunter22" not in response.text
    assert_error(await client.post(URLS, json={"url": url}, headers=user.headers), 409, "conflict")


async def test_an_unknown_url_is_refused_without_being_echoed(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user()
    response = await client.post(URLS, json={"url": "nosuch://secret-value"}, headers=user.headers)
    assert error_fields(response) == {"url"}
    assert "secret-value" not in response.text


async def test_send_test_reaches_the_service(
    client: httpx.AsyncClient, make_user: MakeUser, receiver: Receiver
) -> None:
    user = await make_user()
    created = await client.post(
        URLS, json={"url": f"json://{receiver.base}/hook"}, headers=user.headers
    )
    trial = await client.post(f"{URLS}/{created.json()['id']}/test", headers=user.headers)
    assert trial.status_code == 200, trial.text
    assert trial.json()["delivered"] is True
    [received] = receiver.received
    assert received.path == "/hook"
    assert received.json()["title"] == "Taskmate test"


async def test_a_failed_test_says_why_and_a_passing_one_turns_the_url_back_on(
    client: httpx.AsyncClient, make_user: MakeUser, receiver: Receiver, runtime: Runtime
) -> None:
    user = await make_user()
    created = await client.post(
        URLS, json={"url": f"json://{receiver.base}/"}, headers=user.headers
    )
    url_id = created.json()["id"]
    receiver.statuses.append(500)
    failed = (await client.post(f"{URLS}/{url_id}/test", headers=user.headers)).json()
    assert failed["delivered"] is False
    assert failed["reason"] == "JSON did not accept the message."

    await ChannelStore(runtime.database).disable(url_id, reason="broken", at=runtime.clock())
    passed = (await client.post(f"{URLS}/{url_id}/test", headers=user.headers)).json()
    assert passed["delivered"] is True
    assert passed["channel"]["disabled_at"] is None
    [listed] = (await client.get(URLS, headers=user.headers)).json()["items"]
    assert listed["disabled_reason"] is None


async def test_another_users_url_is_not_found(
    client: httpx.AsyncClient, make_user: MakeUser, receiver: Receiver
) -> None:
    owner, other = await make_user(), await make_user()
    created = await client.post(
        URLS, json={"url": f"json://{receiver.base}/"}, headers=owner.headers
    )
    path = f"{URLS}/{created.json()['id']}"
    assert_error(await client.post(f"{path}/test", headers=other.headers), 404, "not_found")
    assert_error(await client.delete(path, headers=other.headers), 404, "not_found")
    assert receiver.received == []
    assert (await client.get(URLS, headers=other.headers)).json()["items"] == []
    assert (await client.delete(path, headers=owner.headers)).status_code == 204
    assert (await client.get(URLS, headers=owner.headers)).json()["items"] == []
