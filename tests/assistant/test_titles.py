"""Offline conversation titles say what the first request was about, in a few words."""

import pytest

from taskmate.assistant.titles import MAX_LENGTH, conversation_title
from tests.assistant.helpers import read


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("add a task to buy milk tomorrow at 5pm", "Add: buy milk"),
        ("add milk, eggs and bread to groceries", "Add: milk, eggs, bread"),
        ("what's due this week?", "Tasks due this week"),
        ("list my tasks", "Your tasks"),
        ("show my overdue tasks", "Overdue tasks"),
        ("what did I finish yesterday", "Tasks done yesterday"),
        ("what's on my groceries list", "Tasks in groceries"),
        ("delete the dentist one", "Delete: dentist"),
        ("delete #3 and #5", "Delete: #3, #5"),
        ("move the report to friday", "Reschedule: report"),
        ("rename the report one to final report", "Rename: report"),
        ("make the report high priority", "Prioritise: report"),
        ("rename the groceries project to shopping", "Rename list: groceries"),
        ("archive the work list", "Archive list: work"),
        ("make the work list green", "Recolour list: work"),
        ("delete the shopping list", "Delete list: shopping"),
        ("create a list called holidays", "New list: holidays"),
        ("what lists do I have", "Your lists"),
        ("what can you do", "What the assistant can do"),
        ("remind me to call mom at 6pm", "Remind: call mom"),
        ("remind me an hour before the dentist", "Remind: dentist"),
        ("what reminders do I have today", "Your reminders today"),
        ("stop reminding me about the dentist", "Stop reminders: dentist"),
    ],
)
def test_titles_name_the_request(text: str, title: str) -> None:
    assert conversation_title(read(text), []) == title


def test_the_tasks_acted_on_name_a_reference() -> None:
    assert conversation_title(read("mark it done"), []) == "Complete tasks"
    assert conversation_title(read("delete the second one"), ["dentist"]) == "Delete: dentist"


def test_long_titles_are_cut_at_a_word() -> None:
    text = "remind me to call the insurance company about the car accident claim next monday"
    title = conversation_title(read(text), [])
    assert title == "Remind: call the insurance company…"
    assert title is not None and len(title) <= MAX_LENGTH


@pytest.mark.parametrize("text", ["hi", "thanks!", "what's the weather", "play some jazz"])
def test_small_talk_and_other_requests_leave_the_title_for_later(text: str) -> None:
    assert conversation_title(read(text), []) is None
