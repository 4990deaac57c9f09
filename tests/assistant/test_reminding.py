"""Reminders in words: new tasks to be reminded of, reminders on tasks the user has, lists of
reminders, snoozing and turning reminders off, typed carelessly too."""

from datetime import date, time

import pytest

from taskmate.assistant.interpreter import (
    AddTasks,
    DateRange,
    DeleteTasks,
    FindTasks,
    NewTask,
    Reminder,
    SnoozeReminder,
    TaskChanges,
    TaskRef,
    UpdateTasks,
    interpret,
)
from taskmate.assistant.interpreter.durations import find_length
from tests.assistant.helpers import NOW, read

AT_DUE = Reminder(before_minutes=0)


def _task(text: str) -> NewTask:
    args = read(text)
    assert isinstance(args, AddTasks), args
    assert len(args.tasks) == 1, args
    return args.tasks[0]


# relative to Thursday 2026-01-15 10:00 UTC
@pytest.mark.parametrize(
    ("text", "title", "day", "clock"),
    [
        ("remind me to call mom at 6pm", "call mom", date(2026, 1, 15), time(18, 0)),
        ("remind me to stretch in 2 minutes", "stretch", date(2026, 1, 15), time(10, 2)),
        (
            "remind me tomorrow morning to water the plants",
            "water the plants",
            date(2026, 1, 16),
            time(9, 0),
        ),
        ("set a reminder to pay rent on friday at 9am", "pay rent", date(2026, 1, 16), time(9, 0)),
        ("ping me at 3pm to check the oven", "check the oven", date(2026, 1, 15), time(15, 0)),
        ("Remind me to take my pills tonight", "take my pills", date(2026, 1, 15), time(20, 0)),
        # typed quickly
        ("remnd me 2 call mom at 6", "call mom", date(2026, 1, 15), time(18, 0)),
        ("remind me to stretch in 5 mins", "stretch", date(2026, 1, 15), time(10, 5)),
        ("rmd me to feed the cat in 1 hr", "feed the cat", date(2026, 1, 15), time(11, 0)),
        ("remind me 2 buy bread tmrw at 8am", "buy bread", date(2026, 1, 16), time(8, 0)),
    ],
)
def test_asking_to_be_reminded_adds_the_task_with_a_reminder_when_it_is_due(
    text: str, title: str, day: date, clock: time
) -> None:
    task = _task(text)
    assert task.title == title
    assert task.due is not None and (task.due.date, task.due.time) == (day, clock)
    assert task.reminder == AT_DUE
    assert not task.known


def test_a_reminder_with_no_title_is_still_a_reminder_and_the_assistant_asks_what_of() -> None:
    task = _task("remind me in 5 mins")
    assert task.title is None and task.reminder == AT_DUE


def test_an_ordinary_task_has_no_reminder() -> None:
    assert _task("add buy milk tomorrow at 5pm").reminder is None
    assert _task("call mom at 6pm").reminder is None


@pytest.mark.parametrize(
    ("text", "title", "clock", "before"),
    [
        ("remind me about the dentist tomorrow morning", "dentist", time(9, 0), 0),
        ("remind me of my haircut tomorrow at 4pm", "haircut", time(16, 0), 0),
        ("set a reminder for the team meeting tomorrow at 10", "team meeting", time(10, 0), 0),
        (
            "please remind me one hour before the meeting i have tomorrow at 3pm",
            "meeting i have",
            time(15, 0),
            60,
        ),
    ],
)
def test_a_reminder_about_something_named_may_go_on_a_task_the_user_has(
    text: str, title: str, clock: time, before: int
) -> None:
    task = _task(text)
    assert (task.title, task.known, task.reminder) == (title, True, Reminder(before_minutes=before))
    assert task.due is not None and task.due.date == date(2026, 1, 16) and task.due.time == clock


@pytest.mark.parametrize(
    ("text", "title", "before"),
    [
        ("remind me an hour before the dentist", "dentist", 60),
        ("set a reminder 10 min before the standup", "standup", 10),
        ("ping me half an hour before the school run", "school run", 30),
        ("remind me 2 days before mum's birthday", "mum's birthday", 2 * 24 * 60),
        ("remnd me 15 minutes before the call with Ana", "call with Ana", 15),
    ],
)
def test_a_reminder_some_time_before_a_named_task(text: str, title: str, before: int) -> None:
    task = _task(text)
    assert (task.title, task.due, task.known) == (title, None, True)
    assert task.reminder == Reminder(before_minutes=before)


@pytest.mark.parametrize(
    ("text", "before"),
    [
        ("remind me 30 minutes before", 30),
        ("remind me an hour before it", 60),
        ("set a reminder 5 mins before that", 5),
        ("and remind me 2 hours before", 120),
        ("ping me a day before", 24 * 60),
        ("remind me 1h before", 60),
    ],
)
def test_a_reminder_before_the_task_just_talked_about(text: str, before: int) -> None:
    assert read(text) == UpdateTasks(
        target=TaskRef(kind="previous"),
        changes=TaskChanges(reminder=Reminder(before_minutes=before)),
    )


def test_a_reminder_about_the_task_talked_about_at_a_moment_named() -> None:
    args = read("remind me about it tomorrow at 9")
    assert isinstance(args, UpdateTasks) and args.target == TaskRef(kind="previous")
    reminder = args.changes.reminder
    assert isinstance(reminder, Reminder) and reminder.at is not None
    assert (reminder.at.date, reminder.at.time) == (date(2026, 1, 16), time(9, 0))
    assert read("remind me of that") == UpdateTasks(
        target=TaskRef(kind="previous"), changes=TaskChanges(reminder=AT_DUE)
    )


def test_a_reminder_before_a_task_by_number() -> None:
    assert read("remind me 20 minutes before #4") == UpdateTasks(
        target=TaskRef(kind="ids", ids=(4,)),
        changes=TaskChanges(reminder=Reminder(before_minutes=20)),
    )


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("what reminders do I have?", None),
        ("any reminders today?", date(2026, 1, 15)),
        ("do i have any reminders tomorrow", date(2026, 1, 16)),
        ("show my reminders", None),
        ("when is my next reminder", date(2026, 1, 15)),  # from today on
        ("wat reminders do i have 2day", date(2026, 1, 15)),
    ],
)
def test_questions_about_reminders_list_them(text: str, when: date | None) -> None:
    args = read(text)
    assert isinstance(args, FindTasks), args
    assert args.reminders
    assert (args.when.start if args.when else None) == when


def test_a_reminder_list_is_a_list_of_tasks() -> None:
    args = read("what's on my reminder list")
    assert isinstance(args, FindTasks) and not args.reminders
    args = read("what's due today")
    assert isinstance(args, FindTasks) and not args.reminders


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("snooze that for an hour", 60),
        ("snooze it 10 min", 10),
        ("snooze", 10),
        ("Snooze the reminder for 5 minutes", 5),
        ("snooze for half an hour", 30),
        ("snoze it 20 mins", 20),
        ("snooz 2h", 120),
        ("snooze until 11am", 60),
        ("snooze it till 10:45", 45),
    ],
)
def test_snoozing_the_reminder_that_went_off(text: str, minutes: int) -> None:
    assert read(text) == SnoozeReminder(minutes=minutes)


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("stop reminding me about the dentist", TaskRef(kind="match", title="dentist")),
        ("delete the reminder for the dentist", TaskRef(kind="match", title="dentist")),
        ("don't remind me to call mom", TaskRef(kind="match", title="call mom")),
        ("turn off the reminders for it", TaskRef(kind="previous")),
        ("stop reminding me", TaskRef(kind="previous")),
        ("remove the reminder", TaskRef(kind="previous")),
        ("cancel the reminder for #7", TaskRef(kind="ids", ids=(7,))),
        ("turn off all reminders", TaskRef(kind="all")),
        ("delete all my reminders", TaskRef(kind="all")),
    ],
)
def test_turning_reminders_off_keeps_the_task(text: str, target: TaskRef) -> None:
    assert read(text) == UpdateTasks(target=target, changes=TaskChanges(reminder=None))


def test_deleting_the_reminders_of_a_day_asks_whether_the_tasks_go_or_their_reminders() -> None:
    reading = interpret("please delete all reminders of sunday", now=NOW)
    sunday = DateRange(start=date(2026, 1, 18), end=date(2026, 1, 18), text="sunday")
    target = TaskRef(kind="all", when=sunday)
    assert reading.args == DeleteTasks(target=target)
    assert reading.alternative == UpdateTasks(target=target, changes=TaskChanges(reminder=None))


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("30 minutes", 30),
        ("an hour", 60),
        ("half an hour", 30),
        ("10min", 10),
        ("2h", 120),
        ("twenty five mins", 25),
        ("an hour and a half", 90),
        ("a week", 7 * 24 * 60),
    ],
)
def test_lengths_of_time(text: str, minutes: int) -> None:
    found = find_length(text)
    assert found is not None and found.minutes == minutes and found.span == (0, len(text))


def test_no_length_in_other_words() -> None:
    assert find_length("the meeting") is None
    assert find_length("a hamster") is None
