"""New tasks: titles without the command words, dates, lists, several items at once."""

from datetime import date, time

import pytest

from taskmate.assistant.interpreter import AddProject, AddTasks, NewTask
from tests.assistant.helpers import read


def _tasks(text: str) -> tuple[NewTask, ...]:
    args = read(text)
    assert isinstance(args, AddTasks), args
    return args.tasks


def _task(text: str) -> NewTask:
    tasks = _tasks(text)
    assert len(tasks) == 1, tasks
    return tasks[0]


# text -> (title, due date, due time, project); relative to Thursday 2026-01-15 10:00
ONE_TASK: list[tuple[str, str | None, str | None, str | None, str | None]] = [
    ("buy milk tomorrow 5pm", "buy milk", "2026-01-16", "17:00", None),
    ("Buy milk tmrw at 5", "Buy milk", "2026-01-16", "17:00", None),
    (
        "remind me to call mom and dad tomorrow at 5",
        "call mom and dad",
        "2026-01-16",
        "17:00",
        None,
    ),
    (
        "remind me to pick up the laundry next monday",
        "pick up the laundry",
        "2026-01-19",
        None,
        None,
    ),
    ("schedule a meeting with my colleague", "meeting with my colleague", None, None, None),
    (
        "please mark my calendar for a holiday in cuba on april two",
        "holiday in cuba",
        "2026-04-02",
        None,
        None,
    ),
    (
        "add event baseball practice five pm tonight",
        "baseball practice",
        "2026-01-15",
        "17:00",
        None,
    ),
    (
        "set a reminder for next saturday go to the library at five o'clock",
        "go to the library",
        "2026-01-17",
        "17:00",
        None,
    ),
    (
        "remind me about the upcoming national holiday",
        "upcoming national holiday",
        None,
        None,
        None,
    ),
    ("add my sister visiting to my family calendar", "sister visiting", None, None, None),
    (
        "add to the calendar a reunion event for this afternoon",
        "reunion",
        "2026-01-15",
        "15:00",
        None,
    ),
    ("put pencil on a new grocery list", "pencil", None, None, "grocery"),
    ("add buy groceries to my to do list for today", "buy groceries", "2026-01-15", None, None),
    ("i have an appointment tomorrow remind me", "appointment", "2026-01-16", None, None),
    (
        "set a reminder that i have to visit my father tomorrow",
        "visit my father",
        "2026-01-16",
        None,
        None,
    ),
    ("remind me to make a pizza tomorrow morning", "make a pizza", "2026-01-16", "09:00", None),
    (
        "please put to my calendar daily standup to ten am",
        "daily standup",
        "2026-01-16",
        "10:00",
        None,
    ),
    ("add milk to groceries tomorrow", "milk", "2026-01-16", None, "groceries"),
    ("remind to at eight pm to take my medicine", "take my medicine", "2026-01-15", "20:00", None),
    (
        "schedule an event in my calendar for the pool party at jack's place this saturday",
        "pool party at jack's place",
        "2026-01-17",
        None,
        None,
    ),
    ("remind me in 10 minutes to check the oven", "check the oven", "2026-01-15", "10:10", None),
    ("tomorrow morning remind me to stretch", "stretch", "2026-01-16", "09:00", None),
    (
        "let me know when it's time to leave for the airport",
        "leave for the airport",
        None,
        None,
        None,
    ),
    (
        "on february fourteenth remind me to make dinner reservations",
        "make dinner reservations",
        "2026-02-14",
        None,
        None,
    ),
    (
        "i have a meeting with al on march twenty first at ten",
        "meeting with al",
        "2026-03-21",
        "10:00",
        None,
    ),
    ("set meeting with jack on ten march", "meeting with jack", "2026-03-10", None, None),
    (
        "remind me that i have an appointment twelve o clock on saturday",
        "appointment",
        "2026-01-17",
        "12:00",
        None,
    ),
    ("olly remind me about tomorrow's interview", "interview", "2026-01-16", None, None),
    ("Dentist on Friday at 3pm.", "Dentist", "2026-01-16", "15:00", None),
    ("add cereal to my shopping list", "cereal", None, None, "shopping"),
    ("put vodka on my party shopping list", "vodka", None, None, "party shopping"),
    ("add pastries to the christmas list", "pastries", None, None, "christmas"),
    ("add report to project work", "report", None, None, "work"),
]


@pytest.mark.parametrize(("text", "title", "day", "clock", "project"), ONE_TASK)
def test_one_task(
    text: str, title: str | None, day: str | None, clock: str | None, project: str | None
) -> None:
    task = _task(text)
    assert task.title == title
    assert (task.due and task.due.date) == (day and date.fromisoformat(day))
    assert (task.due and task.due.time) == (clock and time.fromisoformat(clock))
    assert task.project == project


@pytest.mark.parametrize(
    "text",
    [
        "add something to my list",
        "i want to add something to my calendar",
        "please add this item to the list",
        "set reminder",
        "put a repeating event on the calendar",
    ],
)
def test_unsaid_title_is_none(text: str) -> None:
    assert _task(text).title is None


def test_a_lone_time_is_a_task_without_title() -> None:
    task = _task("four pm")
    assert task.title is None
    assert task.due is not None
    assert task.due.time == time(16, 0)


@pytest.mark.parametrize(
    ("text", "titles", "project"),
    [
        ("add milk, eggs and bread to groceries", ["milk", "eggs", "bread"], "groceries"),
        ("Add milk, eggs, and bread to Groceries.", ["milk", "eggs", "bread"], "Groceries"),
        ("add apples and oranges to my grocery list", ["apples", "oranges"], "grocery"),
        ("put eggs and milk on the shopping list", ["eggs", "milk"], "shopping"),
        ("add call mom, pay rent, book dentist", ["call mom", "pay rent", "book dentist"], None),
        # no comma and no list named: one task
        ("add milk and eggs", ["milk and eggs"], None),
        ("remind me to call mom and dad", ["call mom and dad"], None),
        ("add lunch with mom and dad to my calendar", ["lunch with mom and dad"], None),
    ],
)
def test_several_tasks(text: str, titles: list[str], project: str | None) -> None:
    tasks = _tasks(text)
    assert [task.title for task in tasks] == titles
    assert {task.project for task in tasks} == {project}


def test_a_closing_date_applies_to_every_item() -> None:
    tasks = _tasks("add milk, eggs and bread to groceries tomorrow")
    assert [task.due and task.due.date for task in tasks] == [date(2026, 1, 16)] * 3


def test_items_keep_their_own_dates() -> None:
    tasks = _tasks("add call mom, pay rent friday, dentist at 3pm")
    assert [(task.due and task.due.date, task.due and task.due.time) for task in tasks] == [
        (None, None),
        (date(2026, 1, 16), None),
        (date(2026, 1, 15), time(15, 0)),
    ]


@pytest.mark.parametrize(
    ("text", "rrule", "title", "first", "clock"),
    [
        (
            "remind me to go to the store every friday",
            "FREQ=WEEKLY;BYDAY=FR",
            "go to the store",
            "2026-01-16",
            None,
        ),
        (
            "water plants every monday at 9",
            "FREQ=WEEKLY;BYDAY=MO",
            "water plants",
            "2026-01-19",
            "09:00",
        ),
        (
            "set twelve noon prayer for every friday",
            "FREQ=WEEKLY;BYDAY=FR",
            "prayer",
            "2026-01-16",
            "12:00",
        ),
        (
            "set a reminder for wednesdays at two pm",
            "FREQ=WEEKLY;BYDAY=WE",
            None,
            "2026-01-21",
            "14:00",
        ),
        (
            "i need a reminder every single day at nine am",
            "FREQ=DAILY",
            None,
            "2026-01-16",
            "09:00",
        ),
        (
            "remind me to pay rent on the first of every month",
            "FREQ=MONTHLY;BYMONTHDAY=1",
            "pay rent",
            "2026-02-01",
            None,
        ),
    ],
)
def test_recurring_tasks(
    text: str, rrule: str, title: str | None, first: str, clock: str | None
) -> None:
    task = _task(text)
    assert task.recurrence is not None
    assert task.recurrence.rrule == rrule
    assert task.title == title
    assert task.due is not None
    assert task.due.date == date.fromisoformat(first)
    assert task.due.time == (clock and time.fromisoformat(clock))


@pytest.mark.parametrize(
    ("text", "title", "priority", "labels", "project"),
    [
        ("new task: file taxes #finance p1 @home", "file taxes", 4, ("home",), "finance"),
        ("add a high priority task to fix the login bug", "fix the login bug", 3, (), None),
        ("add an urgent task to pay rent by friday", "pay rent", 4, (), None),
        ("remind me to renew the lease, it's important", "renew the lease, it's", 3, (), None),
        ('add "call mom at 5" to family', "call mom at 5", 0, (), "family"),
    ],
)
def test_quick_add_markers_and_priority(
    text: str, title: str, priority: int, labels: tuple[str, ...], project: str | None
) -> None:
    task = _task(text)
    assert (task.title, task.priority, task.labels, task.project) == (
        title,
        priority,
        labels,
        project,
    )


def test_quoted_text_is_kept_and_not_read_for_dates() -> None:
    task = _task('add "meet at 5" friday')
    assert task.title == "meet at 5"
    assert task.due is not None
    assert (task.due.date, task.due.time) == (date(2026, 1, 16), None)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("create a new list for school supplies", "school supplies"),
        ("create a new project called Home Renovation", "Home Renovation"),
        ("make a list of numbers for me", "numbers"),
        ("start a new list called holiday gifts", "holiday gifts"),
        ("new list: holiday packing", "holiday packing"),
        ("create a new shopping list", "shopping"),
        ("create a new list of my pending bills", "pending bills"),
        ("make list", None),
        ("can you create a new list", None),
        ("make a to do list for the weekend", None),
    ],
)
def test_new_lists(text: str, name: str | None) -> None:
    assert read(text) == AddProject(name=name)


def test_adding_several_actions_joined_by_and() -> None:
    args = read("add pay rent and renew passport")
    assert isinstance(args, AddTasks)
    assert [task.title for task in args.tasks] == ["pay rent", "renew passport"]
    people = read("add call mom and dad")
    assert isinstance(people, AddTasks)
    assert [task.title for task in people.tasks] == ["call mom and dad"]
