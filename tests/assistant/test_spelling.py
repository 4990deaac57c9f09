"""Typos and shorthand in command words are put right; real words and titles stay as typed."""

import time
from datetime import date
from datetime import time as clock

import pytest

from taskmate.assistant.interpreter import (
    AddTasks,
    CompleteTasks,
    DeleteTasks,
    FindTasks,
)
from taskmate.assistant.interpreter.spelling import _nearest, correct
from tests.assistant.helpers import read

CORRECTED = [
    ("ad tsk pay rent nxt monday", "add task pay rent next monday"),
    ("ad milk tmrw 5pm", "add milk tomorrow 5pm"),
    ("remidn me to call mom tmr at 6", "remind me to call mom tomorrow at 6"),
    ("delte the dentist one", "delete the dentist one"),
    ("shwo my tasks", "show my tasks"),
    ("mark laundry as dnoe", "mark laundry as done"),
    ("rmv eggs from groceries", "remove eggs from groceries"),
    ("wat's due this wk", "what's due this week"),
    ("every mon at 9", "every monday at 9"),
    ("nxt fri 3pm", "next friday 3pm"),
    ("buy milk 2moro", "buy milk tomorrow"),
    ("call mom tonite", "call mom tonight"),
    ("pls ad milk", "please add milk"),
    ("can you shwo my tasks", "can you show my tasks"),
    ("hey olly, shwo my tasks", "hey olly, show my tasks"),
    ("dentist on wendesday", "dentist on wednesday"),
    ("reschedual the dentist to thurs at 3", "reschedule the dentist to thursday at 3"),
    ("what's on my shopping lsit", "what's on my shopping list"),
]
# Real words near a command word, advert "ad"s, names and weekday abbreviations that are no
# dates: all stay as typed.
UNTOUCHED = [
    "place an ad in the paper",
    "ad campaign review",
    "call ed",
    "call ada",
    "mon ami",
    "wed anniversary",
    "sat exam results",
    "shop for shoes",
    "rewind the tape",
    "make a cake",
    "text mike",
    "sept 5 dentist",
    "water the plants on mondays",
    "i need to be reminded",
    "what products are on my shopping list",
    "take the car in",
    "weekly review",
]


@pytest.mark.parametrize(("typed", "meant"), CORRECTED)
def test_typos_and_shorthand_are_put_right(typed: str, meant: str) -> None:
    assert correct(typed) == meant


@pytest.mark.parametrize("typed", UNTOUCHED)
def test_real_words_stay(typed: str) -> None:
    assert correct(typed) == typed


def test_corrections_keep_the_typed_capitals_and_untouched_words() -> None:
    assert correct("Shwo my Dentist tasks") == "Show my Dentist tasks"
    assert correct("DELTE IT") == "DELETE IT"
    assert correct("Ad Milk Tmrw") == "Add Milk Tomorrow"


def test_quoted_titles_tags_and_labels_stay_as_typed() -> None:
    assert correct('ad "shwo tickets" tmrw') == 'add "shwo tickets" tomorrow'
    assert correct("ad tickets #shwo @dnoe") == "add tickets #shwo @dnoe"


def test_only_the_first_word_after_politeness_is_read_as_a_command() -> None:
    assert correct("buy delte stickers") == "buy delte stickers"
    assert correct("could you please delte it") == "could you please delete it"


def test_typed_commands_are_read_as_meant() -> None:
    added = read("ad tsk pay rent nxt monday")
    assert isinstance(added, AddTasks)
    [rent] = added.tasks
    assert rent.title == "pay rent"
    assert rent.due is not None and rent.due.date == date(2026, 1, 19)

    added = read("ad milk tmrw 5pm")
    assert isinstance(added, AddTasks)
    [milk] = added.tasks
    assert milk.title == "milk"
    assert milk.due is not None and (milk.due.date, milk.due.time) == (
        date(2026, 1, 16),
        clock(17, 0),
    )

    added = read("remidn me to call mom tmr at 6")
    assert isinstance(added, AddTasks) and added.tasks[0].title == "call mom"

    deleted = read("delte the dentist one")
    assert isinstance(deleted, DeleteTasks) and deleted.target.title == "dentist"

    completed = read("mark laundry as dnoe")
    assert isinstance(completed, CompleteTasks) and completed.target.title == "laundry"

    found = read("wat's due this wk")
    assert isinstance(found, FindTasks) and found.when is not None
    assert (found.when.start, found.when.end) == (date(2026, 1, 12), date(2026, 1, 18))


def test_correcting_is_cheap() -> None:
    """Well under half a millisecond a message with nothing remembered from earlier ones (the
    best of three runs, as the machine is shared)."""
    texts = [typed for typed, _ in CORRECTED] + UNTOUCHED
    runs = []
    for _ in range(3):
        _nearest.cache_clear()
        started = time.perf_counter()
        for text in texts:
            correct(text)
        runs.append((time.perf_counter() - started) / len(texts))
    assert min(runs) < 0.0002
