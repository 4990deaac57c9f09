"""A new due date for a recurring task: a time keeps its day, a day moves a weekly rule, and
the rule's words follow."""

from __future__ import annotations

from datetime import date, time

import httpx
import pytest

from taskmate.api.runtime import Runtime
from taskmate.tasks.dates import Due
from taskmate.tasks.recurrence import Recurrence
from taskmate.tasks.reschedule import describe, rescheduled
from tests.conftest import MakeUser
from tests.tasks.helpers import API, create_task, freeze

SUNDAY_6PM = Due(date=date(2026, 3, 15), time=time(18), text="every sunday at 6pm")
WEEKLY_SUNDAY = Recurrence(rrule="FREQ=WEEKLY;BYDAY=SU", text="every sunday at 6pm")


def test_a_time_alone_keeps_the_day_and_the_rule_follows() -> None:
    due, rule = rescheduled(
        WEEKLY_SUNDAY,
        current=SUNDAY_6PM,
        new=Due(date=date(2026, 3, 10), time=time(19), text="7pm"),
    )
    assert (due.date, due.time) == (date(2026, 3, 15), time(19))
    assert rule == Recurrence(rrule="FREQ=WEEKLY;BYDAY=SU", text="every Sunday at 7 PM")


def test_a_day_alone_keeps_the_time_and_moves_a_weekly_rule() -> None:
    due, rule = rescheduled(
        WEEKLY_SUNDAY, current=SUNDAY_6PM, new=Due(date=date(2026, 3, 16), time=None, text="monday")
    )
    assert (due.date, due.time) == (date(2026, 3, 16), time(18))
    assert rule == Recurrence(rrule="FREQ=WEEKLY;BYDAY=MO", text="every Monday at 6 PM")


def test_rules_on_several_days_keep_them() -> None:
    weekdays = Recurrence(rrule="FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", text="every weekday at 9")
    current = Due(date=date(2026, 3, 10), time=time(9), text="")
    due, rule = rescheduled(
        weekdays, current=current, new=Due(date=date(2026, 3, 11), time=time(10), text="")
    )
    assert (due.date, due.time) == (date(2026, 3, 11), time(10))
    assert rule == Recurrence(rrule=weekdays.rrule, text="every weekday at 10 AM")


@pytest.mark.parametrize(
    ("rrule", "clock", "words"),
    [
        ("FREQ=DAILY", time(9), "every day at 9 AM"),
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", None, "every other Monday"),
        ("FREQ=WEEKLY;BYDAY=SA,SU", time(10, 30), "every weekend day at 10:30 AM"),
        ("FREQ=MONTHLY;BYMONTHDAY=15", None, "every month on the 15th"),
        ("FREQ=MONTHLY;BYMONTHDAY=-1", time(0), "every month on the last day at 12 AM"),
        ("FREQ=WEEKLY;INTERVAL=3;BYDAY=TU,TH", None, "every 3 weeks on Tuesday and Thursday"),
        ("FREQ=MONTHLY;BYDAY=1MO", None, None),
        ("FREQ=WEEKLY;BYDAY=MO;UNTIL=20261231T235959", None, None),
    ],
)
def test_rules_in_words(rrule: str, clock: time | None, words: str | None) -> None:
    assert describe(rrule, clock) == words


async def test_the_api_keeps_the_day_of_a_weekly_task_given_a_new_time(
    client: httpx.AsyncClient, make_user: MakeUser, runtime: Runtime
) -> None:
    user = await make_user()
    freeze(runtime)  # Tuesday 2026-03-10
    task = await create_task(client, user, title="call mom", recurrence_text="every sunday at 6pm")
    assert task["due"]["date"] == "2026-03-15"

    response = await client.patch(
        f"{API}/tasks/{task['id']}", json={"due_text": "7pm"}, headers=user.headers
    )

    assert response.status_code == 200, response.text
    moved = response.json()
    assert (moved["due"]["date"], moved["due"]["time"]) == ("2026-03-15", "19:00")
    assert moved["recurrence"] == {"rrule": "FREQ=WEEKLY;BYDAY=SU", "text": "every Sunday at 7 PM"}
