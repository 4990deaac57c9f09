"""The offline assistant's verbs in conversations of several turns, judged by the tasks left."""

from __future__ import annotations

from datetime import date

import httpx
import pytest

from tests.assistant.chat import Chat, answer_text, asking, of_type, start
from tests.conftest import MakeUser


async def titles(chat: Chat, status: str = "open") -> list[str]:
    return sorted(str(task["title"]) for task in await chat.tasks(status))


async def snapshot(chat: Chat) -> list[tuple[str, object, object]]:
    tasks = await chat.tasks("all")
    return sorted((task["title"], task["due"], task["completed_at"]) for task in tasks)


# Undo by words -------------------------------------------------------------------------


@pytest.mark.parametrize("words", ["undo that", "oops", "revert that"])
async def test_undo_by_words_reverses_the_latest_change(
    client: httpx.AsyncClient, make_user: MakeUser, words: str
) -> None:
    chat = await start(client, make_user)
    await chat.say("add buy milk")
    [renamed] = of_type(await chat.say("rename buy milk to buy oat milk"), "tool_call")

    items = await chat.say(words)

    assert await titles(chat) == ["buy milk"]
    assert answer_text(items) == "Undone: “buy milk” is back as it was."
    card = next(item for item in await chat.items() if item["id"] == renamed["id"])
    assert card["undone_at"] is not None
    assert of_type(items, "tool_call") == []


async def test_undo_twice_walks_back_and_then_has_nothing_left(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    chat = await start(client, make_user)
    await chat.say("add buy milk")
    await chat.say("complete buy milk")
    await chat.say("undo that")
    assert await titles(chat) == ["buy milk"]
    items = await chat.say("undo")
    assert await titles(chat) == []
    assert answer_text(items) == "Undone: I removed “buy milk”."

    items = await chat.say("undo that")

    assert answer_text(items).startswith("There's nothing I can undo right now")
    assert await titles(chat, "all") == []


async def test_undo_by_words_brings_back_a_deleted_task(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    chat = await start(client, make_user)
    await chat.say("add renew passport")
    [choice] = of_type(await chat.say("delete renew passport", ends=asking), "choice")
    await chat.choose(choice, "confirm")
    assert await titles(chat) == []

    await chat.say("oops")

    assert await titles(chat) == ["renew passport"]


async def test_undo_by_words_only_undoes_this_users_changes(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    chat = await start(client, make_user)
    items = await chat.say("undo that")

    assert answer_text(items).startswith("There's nothing I can undo right now")


# A missing target gets an offer --------------------------------------------------------


async def test_completing_a_missing_task_offers_to_add_it(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    chat = await start(client, make_user)
    [offer] = of_type(await chat.say("complete buy bread", ends=asking), "choice")
    assert offer["text"] == "I couldn't find “buy bread”. Add it as a task?"
    assert [option["label"] for option in offer["options"]] == ["Add", "No thanks"]

    await chat.choose(offer, "confirm")

    assert await titles(chat) == ["buy bread"]


async def test_moving_a_missing_task_offers_to_add_it_with_the_date(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    chat = await start(client, make_user)
    [offer] = of_type(await chat.say("move dentist to friday", ends=asking), "choice")
    await chat.choose(offer, "confirm")

    [task] = await chat.tasks()
    assert task["title"] == "dentist"
    assert task["due"] is not None and task["due"]["text"] == "friday"


async def test_declining_the_offer_adds_nothing(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    chat = await start(client, make_user)
    [offer] = of_type(await chat.say("complete buy bread", ends=asking), "choice")

    await chat.choose(offer, "cancel")

    assert await titles(chat, "all") == []


# Long pastes, emoji and HTML -----------------------------------------------------------


async def test_a_long_paste_is_a_title_and_notes(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    chat = await start(client, make_user)
    body = "\n".join(f"Line {n} of the meeting notes, with details." for n in range(220))
    assert len(body) > 9_000

    await chat.say(f"add review the meeting notes\n{body}")

    [task] = await chat.tasks()
    assert task["title"] == "review the meeting notes"
    assert task["description"] == body


async def test_a_long_first_line_is_cut_at_a_word(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    chat = await start(client, make_user)
    line = "add " + " ".join(["renew"] * 100)

    await chat.say(line)

    [task] = await chat.tasks()
    assert len(task["title"]) <= 120 and task["title"].endswith("renew")
    assert task["title"].split() + task["description"].split() == ["renew"] * 100


async def test_a_long_message_that_is_no_command_changes_nothing(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    chat = await start(client, make_user)
    await chat.say("add buy milk")
    before = await snapshot(chat)
    prose = "The weather was lovely and the sea was calm. " * 120
    assert len(prose) > 5_000

    items = await chat.say(prose)

    assert of_type(items, "tool_call") == []
    assert await snapshot(chat) == before


@pytest.mark.parametrize(
    "title", ["<b>bold</b> & <script>alert(1)</script>", "🎉 party prep 🎈", "café ünïcode"]
)
async def test_html_and_emoji_in_a_title_are_stored_as_text(
    client: httpx.AsyncClient, make_user: MakeUser, title: str
) -> None:
    chat = await start(client, make_user)

    await chat.say(f'add "{title}"')

    assert await titles(chat) == [title]


# Nothing changes -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "hi there",
        "thanks!",
        "how are you?",
        "help",
        "what can you do?",
        "who are you?",
        "what's the weather like in Paris?",
        "play some jazz",
        "🎉🎉🎉",
        "👍",
        "how do I undo a change?",
        "is my data private?",
    ],
)
async def test_chit_chat_and_unrelated_requests_change_nothing(
    client: httpx.AsyncClient, make_user: MakeUser, text: str
) -> None:
    chat = await start(client, make_user)
    await chat.say("add buy milk tomorrow")
    before = await snapshot(chat)

    items = await chat.say(text)

    assert [call["name"] for call in of_type(items, "tool_call")] in ([], ["find_tasks"])
    assert of_type(items, "choice") == []
    assert await snapshot(chat) == before


# Rescheduling a recurring task ---------------------------------------------------------


async def test_a_new_time_keeps_the_day_of_a_weekly_task(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    chat = await start(client, make_user)
    [added] = of_type(await chat.say("add call mom every sunday at 6pm"), "tool_call")
    sunday = added["result"]["tasks"][0]["due"]["date"]

    await chat.say("move call mom to 7pm")

    [task] = await chat.tasks()
    assert (task["due"]["date"], task["due"]["time"]) == (sunday, "19:00")
    assert task["recurrence"]["text"] == "every Sunday at 7 PM"


async def test_a_new_day_moves_a_weekly_task(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    chat = await start(client, make_user)
    await chat.say("add call mom every sunday at 6pm")

    await chat.say("move call mom to monday")

    [task] = await chat.tasks()
    assert task["recurrence"] == {"rrule": "FREQ=WEEKLY;BYDAY=MO", "text": "every Monday at 6 PM"}
    assert task["due"]["time"] == "18:00"
    assert date.fromisoformat(task["due"]["date"]).weekday() == 0


# Renames, finds and lists --------------------------------------------------------------


@pytest.mark.parametrize(
    "words",
    [
        "rename call plumber to call the electrician",
        "change the title of call plumber to call the electrician",
        "change call plumber to call the electrician",
        "retitle call plumber as call the electrician",
    ],
)
async def test_renaming_phrasings(
    client: httpx.AsyncClient, make_user: MakeUser, words: str
) -> None:
    chat = await start(client, make_user)
    await chat.say("add call plumber and pay rent")

    await chat.say(words)

    assert await titles(chat) == ["call the electrician", "pay rent"]


async def test_finding_by_list_overdue_done_and_dates(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    chat = await start(client, make_user)
    await chat.say("add milk, eggs and bread to errands")
    await chat.say("add pay rent yesterday")
    await chat.say("add call mom next friday")
    await chat.say("complete eggs")

    found = {
        words: sorted(
            task["title"]
            for task in of_type(await chat.say(words), "tool_call")[0]["result"]["tasks"]
        )
        for words in (
            "show my errands list",
            "what's overdue",
            "what did I finish this week",
            "what's due in the next two weeks",
        )
    }

    assert found["show my errands list"] == ["bread", "milk"]
    assert found["what's overdue"] == ["pay rent"]
    assert found["what did I finish this week"] == ["eggs"]
    assert "call mom" in found["what's due in the next two weeks"]


async def test_lists_by_words(client: httpx.AsyncClient, make_user: MakeUser) -> None:
    chat = await start(client, make_user)
    await chat.say("create a list called garden")
    await chat.say("add weed the beds to garden")
    await chat.say("rename the garden list to yard")
    [listed] = of_type(await chat.say("what lists do I have?"), "tool_call")
    assert [project["name"] for project in listed["result"]["projects"]] == ["yard"]

    [choice] = of_type(await chat.say("delete the yard list", ends=asking), "choice")
    await chat.choose(choice, "confirm")

    [listed] = of_type(await chat.say("what lists do I have?"), "tool_call")
    assert listed["result"]["projects"] == []
    [task] = await chat.tasks()
    assert (task["title"], task["project_id"]) == ("weed the beds", None)
