"""Sharing: adding people by email, what members may do, removing and leaving."""

from __future__ import annotations

import httpx

from tests.chat.helpers import (
    create_conversation,
    get_conversation,
    get_items,
    post_message,
    send,
    share,
    url,
)
from tests.conftest import Account, MakeUser
from tests.helpers import assert_error, error_fields


async def shared_conversation(
    client: httpx.AsyncClient, make_user: MakeUser
) -> tuple[Account, Account, str]:
    owner, member = await make_user(name="Owner"), await make_user(name="Member")
    conversation = await create_conversation(client, owner, title="Plans")
    await share(client, owner, conversation["id"], member)
    return owner, member, conversation["id"]


async def test_adding_by_email_returns_the_participant(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    owner, member = await make_user(), await make_user(name="Bea")
    conversation = await create_conversation(client, owner)
    participants = url(conversation["id"], "/participants")
    response = await client.post(
        participants, json={"email": member.email.upper()}, headers=owner.headers
    )
    assert response.status_code == 201, response.text
    assert response.json() == {"user_id": member.id, "name": "Bea", "role": "member"}
    again = await client.post(participants, json={"email": member.email}, headers=owner.headers)
    assert (again.status_code, again.json()) == (200, response.json())
    shared = await get_conversation(client, owner, conversation["id"])
    assert [p["role"] for p in shared["participants"]] == ["owner", "member"]


async def test_adding_an_unknown_email_is_not_found(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    owner = await make_user()
    conversation = await create_conversation(client, owner)
    participants = url(conversation["id"], "/participants")
    unknown = await client.post(
        participants, json={"email": "nobody@example.com"}, headers=owner.headers
    )
    assert_error(unknown, 404, "not_found")
    malformed = await client.post(participants, json={"email": "nobody"}, headers=owner.headers)
    assert error_fields(malformed) == {"email"}


async def test_a_member_reads_and_writes_messages(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    owner, member, conversation_id = await shared_conversation(client, make_user)
    await send(client, owner, conversation_id, "from the owner")
    await send(client, member, conversation_id, "from the member")
    page = await get_items(client, member, conversation_id)
    assert [(item["author"]["name"], item["content"]) for item in page["items"]] == [
        ("Owner", "from the owner"),
        ("Member", "from the member"),
    ]
    listed = (await client.get(url(conversation_id), headers=member.headers)).json()
    assert listed["title"] == "Plans"


async def test_a_member_cannot_do_what_only_the_owner_may(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    owner, member, conversation_id = await shared_conversation(client, make_user)
    stranger = await make_user()
    refused = [
        await client.patch(url(conversation_id), json={"title": "Mine"}, headers=member.headers),
        await client.patch(url(conversation_id), json={"assistant": "off"}, headers=member.headers),
        await client.post(url(conversation_id, "/finalize"), headers=member.headers),
        await client.delete(url(conversation_id), headers=member.headers),
        await client.post(
            url(conversation_id, "/participants"),
            json={"email": stranger.email},
            headers=member.headers,
        ),
        await client.delete(
            url(conversation_id, f"/participants/{owner.id}"), headers=member.headers
        ),
    ]
    for response in refused:
        assert_error(response, 403, "forbidden")
    unchanged = await get_conversation(client, owner, conversation_id)
    assert (unchanged["title"], unchanged["status"], len(unchanged["participants"])) == (
        "Plans",
        "active",
        2,
    )


async def test_a_removed_member_loses_access_at_once(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    owner, member, conversation_id = await shared_conversation(client, make_user)
    removed = await client.delete(
        url(conversation_id, f"/participants/{member.id}"), headers=owner.headers
    )
    assert removed.status_code == 204
    assert_error(await client.get(url(conversation_id), headers=member.headers), 404, "not_found")
    assert_error(await post_message(client, member, conversation_id), 404, "not_found")
    participants = (await get_conversation(client, owner, conversation_id))["participants"]
    assert [p["user_id"] for p in participants] == [owner.id]


async def test_a_member_may_leave(client: httpx.AsyncClient, make_user: MakeUser) -> None:
    _owner, member, conversation_id = await shared_conversation(client, make_user)
    left = await client.delete(
        url(conversation_id, f"/participants/{member.id}"), headers=member.headers
    )
    assert left.status_code == 204
    listed = await client.get("/api/v1/conversations", headers=member.headers)
    assert listed.json()["items"] == []


async def test_the_owner_cannot_leave(client: httpx.AsyncClient, make_user: MakeUser) -> None:
    owner, _member, conversation_id = await shared_conversation(client, make_user)
    response = await client.delete(
        url(conversation_id, f"/participants/{owner.id}"), headers=owner.headers
    )
    assert_error(response, 409, "conflict")


async def test_removing_someone_who_is_not_there_is_not_found(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    owner, stranger = await make_user(), await make_user()
    conversation = await create_conversation(client, owner)
    for user_id in (stranger.id, "not-a-uuid"):
        response = await client.delete(
            url(conversation["id"], f"/participants/{user_id}"), headers=owner.headers
        )
        assert_error(response, 404, "not_found")


async def test_a_deleted_account_leaves_its_messages_in_shared_conversations(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    owner, member, conversation_id = await shared_conversation(client, make_user)
    own = await create_conversation(client, member)
    await send(client, member, own["id"], "my own")
    await send(client, member, conversation_id, "in the shared one")
    response = await client.request(
        "DELETE", "/api/v1/me", json={"password": member.password}, headers=member.headers
    )
    assert response.status_code == 204, response.text
    [message] = (await get_items(client, owner, conversation_id))["items"]
    assert (message["content"], message["author"]) == ("in the shared one", None)
    participants = (await get_conversation(client, owner, conversation_id))["participants"]
    assert [p["user_id"] for p in participants] == [owner.id]
