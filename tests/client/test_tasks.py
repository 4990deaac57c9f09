"""Tasks and projects through the client, as typed values."""

from __future__ import annotations

import pytest

from taskmate.client import Taskmate, TaskmateError


async def test_tasks_are_created_listed_changed_completed_and_deleted(taskmate: Taskmate) -> None:
    milk = await taskmate.tasks.create("buy milk", due_text="tomorrow 5pm", labels=["shop"])
    quick = await taskmate.tasks.quick_add("call mum p1")
    assert milk.due is not None and milk.due.time == "17:00"
    assert (quick.title, quick.priority) == ("call mum", 4)
    assert [task.id for task in await taskmate.tasks.list()] == [milk.id, quick.id]

    renamed = await taskmate.tasks.update(milk.id, title="buy oat milk")
    done = await taskmate.tasks.complete(milk.id)
    assert renamed.title == "buy oat milk" and done.completed_at is not None
    assert [task.id for task in await taskmate.tasks.list(status="done")] == [milk.id]

    await taskmate.tasks.delete(quick.id)
    assert await taskmate.tasks.list() == []
    with pytest.raises(TaskmateError) as refused:
        await taskmate.tasks.complete(quick.id)
    assert (refused.value.code, refused.value.status) == ("not_found", 404)


async def test_tasks_follow_the_listings_cursor(taskmate: Taskmate) -> None:
    for number in range(3):
        await taskmate.tasks.create(f"task {number}")
    first = await taskmate.tasks.page(limit=2)
    assert len(first.items) == 2 and first.next_cursor is not None
    assert [task.title for task in await taskmate.tasks.list()] == ["task 0", "task 1", "task 2"]


async def test_projects_hold_tasks_and_names_are_unique(taskmate: Taskmate) -> None:
    errands = await taskmate.projects.create("Errands", color="#AA0000")
    await taskmate.tasks.create("stamps", project_id=errands.id)
    assert errands.color == "#aa0000"
    assert [project.name for project in await taskmate.projects.list()] == ["Errands"]
    listed = await taskmate.tasks.list(project_id=errands.id)
    assert [task.title for task in listed] == ["stamps"]
    with pytest.raises(TaskmateError) as refused:
        await taskmate.projects.create("errands")
    assert refused.value.code == "conflict"
    renamed = await taskmate.projects.update(errands.id, name="Shopping")
    assert renamed.name == "Shopping"
    await taskmate.projects.delete(errands.id)
    assert await taskmate.projects.list() == []


async def test_tasks_are_moved_within_their_list(taskmate: Taskmate) -> None:
    errands = await taskmate.projects.create("Errands")
    stamps, bread, keys = [
        await taskmate.tasks.create(title, project_id=errands.id)
        for title in ("stamps", "bread", "keys")
    ]
    assert stamps.position < bread.position < keys.position

    async def order() -> list[str]:
        return [task.title for task in await taskmate.tasks.list(project_id=errands.id)]

    moved = await taskmate.tasks.move(keys.id, before_id=stamps.id)
    assert moved.position < stamps.position
    assert await order() == ["keys", "stamps", "bread"]
    await taskmate.tasks.move(stamps.id, after_id=bread.id)
    assert await order() == ["keys", "bread", "stamps"]

    inbox = await taskmate.tasks.create("call mum")
    with pytest.raises(TaskmateError) as refused:
        await taskmate.tasks.move(keys.id, after_id=inbox.id)
    assert refused.value.code == "validation_error"
    with pytest.raises(TypeError):
        await taskmate.tasks.move(keys.id, before_id=bread.id, after_id=stamps.id)
    with pytest.raises(TypeError):
        await taskmate.tasks.move(keys.id)
