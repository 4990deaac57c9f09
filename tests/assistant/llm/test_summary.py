"""The task summary the model sees stays small however many tasks there are."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from taskmate.api.runtime import Runtime
from taskmate.assistant.llm.summary import SUMMARY_LIMIT, task_summary
from taskmate.tasks.models import Project, Task, due_sort_key
from tests.conftest import MakeUser

NOW = datetime(2026, 1, 15, 12, 0, tzinfo=UTC)
TOPICS = ["water the plants", "call the plumber", "buy milk", "review the budget", "walk the dog"]


async def test_thousands_of_tasks_give_a_bounded_summary_of_each_part(
    runtime: Runtime, make_user: MakeUser
) -> None:
    user = await make_user()
    async with runtime.database.session(write=True) as session:
        projects = [
            Project(user_id=user.id, name=f"list {n}", name_key=f"list {n}") for n in range(40)
        ]
        session.add_all(projects)
        await session.flush()
        for n in range(3000):
            day: date | None = NOW.date() + timedelta(days=n % 30 - 10) if n % 3 else None
            clock = time(9, 0) if n % 2 else None
            session.add(
                Task(
                    user_id=user.id,
                    title=f"task number {n} " + "with a long title " * 10,
                    project_id=projects[n % 40].id,
                    due_date=day,
                    due_time=clock if day else None,
                    due_sort=due_sort_key(day, clock if day else None),
                )
            )
        await session.commit()

    summary = await task_summary(runtime.database, user.id, NOW, message="what's the first task?")

    assert len(summary) < SUMMARY_LIMIT
    assert "Overdue (" in summary and "Due in the next 7 days (" in summary
    assert "Latest undated (1000 in all)" in summary
    assert "task number 2997 " in summary  # the newest undated task
    assert "Open tasks per list: inbox 0" in summary and "list #" in summary


async def test_a_new_user_has_an_almost_empty_summary(
    runtime: Runtime, make_user: MakeUser
) -> None:
    user = await make_user()
    summary = await task_summary(runtime.database, user.id, NOW, message="what's on today?")
    assert summary == "Open tasks per list: inbox 0"


async def test_the_tasks_related_to_the_message_come_first(
    runtime: Runtime, make_user: MakeUser
) -> None:
    """Among hundreds of tasks, an old undated one that no other part shows."""
    user = await make_user()
    async with runtime.database.session(write=True) as session:
        session.add(
            Task(user_id=user.id, title="Renew passport", due_sort=due_sort_key(None, None))
        )
        for n in range(400):
            day = NOW.date() + timedelta(days=n % 5)
            session.add(
                Task(
                    user_id=user.id,
                    title=f"{TOPICS[n % len(TOPICS)]} {n}",
                    due_date=day if n % 2 else None,
                    due_sort=due_sort_key(day if n % 2 else None, None),
                )
            )
        await session.commit()

    summary = await task_summary(
        runtime.database, user.id, NOW, message="mark the passport renewal as done"
    )
    lines = summary.splitlines()
    assert lines[0] == "Related to this message:"
    assert "Renew passport" in lines[1]
    assert sum("passport" in line.casefold() for line in lines) == 1
    unrelated = await task_summary(runtime.database, user.id, NOW, message="what's due today?")
    assert "Related to this message:" not in unrelated and "passport" not in unrelated.casefold()
