"""The offline assistant's replies read like a person's: dates in words in the user's zone,
repeating rules as sentences, titles shown as typed, and no #ids unless the user used them."""

from __future__ import annotations

import httpx

from tests.assistant.chat import TASKS, answer_text, answered, of_type, start
from tests.conftest import MakeUser


async def test_a_repeating_task_is_said_in_words_once(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    chat = await start(client, make_user, timezone="Europe/Paris")
    items = await chat.say("add water plants every sunday at 6pm")

    [step] = of_type(items, "step")
    [call] = of_type(items, "tool_call")
    assert step["label"] == "Adding a task"
    assert call["result"]["summary"] == "Added “water plants”, repeating every Sunday at 6 PM."
    assert answer_text(items) == call["result"]["summary"]
    listed = answer_text(await chat.say("list my tasks"))
    assert listed.startswith("You have 1 open task:\n\n1. water plants — ")
    assert listed.endswith(", repeats every Sunday") and "#" not in listed


async def test_ids_come_back_only_when_the_user_used_them(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    chat = await start(client, make_user)
    [call] = of_type(await chat.say("add file taxes and pay rent"), "tool_call")
    taxes = call["result"]["tasks"][0]["id"]
    assert answer_text(await chat.say("mark file taxes done")) == "Done: “file taxes”."
    assert answer_text(await chat.say(f"complete #{taxes + 1}")) == (
        f"Done: “pay rent” (#{taxes + 1})."
    )


async def test_a_title_cannot_shape_the_reply(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    chat = await start(client, make_user)
    title = "*win* [a prize](https://example.com) <b>now</b>"
    created = await client.post(TASKS, json={"title": title}, headers=chat.user.headers)
    assert created.status_code == 201, created.text

    [answer] = [item for item in await chat.say("list my tasks") if answered(item)]
    assert "<em>" not in answer["html"] and "<a " not in answer["html"]
    assert "<b>" not in answer["html"] and "&lt;b&gt;now&lt;/b&gt;" in answer["html"]
    assert "*win* [a prize](https://example.com)" in answer["html"]
