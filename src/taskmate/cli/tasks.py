"""``taskmate tasks add | ls | done | move``: one-line task commands for people and scripts."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from taskmate.cli.session import fail, run_signed_in, signed_in
from taskmate.cli.words import task_line
from taskmate.client import Task, Taskmate

tasks = typer.Typer(help="Add, list, complete and order tasks.", no_args_is_help=True)
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]


def _show(found: list[Task], *, as_json: bool, one: bool = False) -> None:
    if as_json:
        values = [task.model_dump(mode="json") for task in found]
        typer.echo(json.dumps(values[0] if one else values))
        return
    _credentials, zone = signed_in()
    for task in found:
        typer.echo(task_line(task, zone))


@tasks.command("add")
def add(
    text: Annotated[str, typer.Argument(help='One line: "buy milk tomorrow 5pm #errands p1".')],
    as_json: JsonOption = False,
) -> None:
    """Add a task, read like the quick-add box (dates, #project, @label, p1-p4)."""
    added = run_signed_in(lambda taskmate: taskmate.tasks.quick_add(text))
    _show([added], as_json=as_json, one=True)


@tasks.command("ls")
def list_tasks(
    done: Annotated[bool, typer.Option("--done", help="Completed tasks instead.")] = False,
    as_json: JsonOption = False,
) -> None:
    """List open tasks (by due date), or completed ones."""
    status = "done" if done else "open"
    found = run_signed_in(lambda taskmate: taskmate.tasks.list(status=status))
    if not found and not as_json:
        typer.echo("No completed tasks." if done else "Nothing to do.")
        return
    _show(found, as_json=as_json)


def _number(which: str) -> int | None:
    """A task's number as people write it: ``12`` or ``#12``."""
    number = which.removeprefix("#")
    return int(number) if number.isdigit() else None


async def _complete(taskmate: Taskmate, which: str) -> Task:
    if (number := _number(which)) is not None:
        return await taskmate.tasks.complete(number)
    open_tasks = await taskmate.tasks.list(q=which)
    exact = [task for task in open_tasks if task.title.casefold() == which.casefold()]
    matching = exact or open_tasks
    if len(matching) != 1:
        titles = ", ".join(f'#{task.id} "{task.title}"' for task in matching[:5])
        problem = f"several open tasks match: {titles}" if matching else "no open task matches"
        raise fail(f'"{which}": {problem}. Give its number instead.')
    return await taskmate.tasks.complete(matching[0].id)


@tasks.command("done")
def done(
    which: Annotated[str, typer.Argument(help="The task's number (12 or #12) or its title.")],
    as_json: JsonOption = False,
) -> None:
    """Complete a task by number or by (part of) its title."""
    completed = run_signed_in(lambda taskmate: _complete(taskmate, which))
    _show([completed], as_json=as_json, one=True)


def _numbered(which: str) -> int:
    number = _number(which)
    if number is None:
        raise fail(f'"{which}" is not a task number: give one like 12 or #12.')
    return number


@tasks.command("move")
def move(
    which: Annotated[str, typer.Argument(help="The task's number (12 or #12).")],
    before: Annotated[
        str | None, typer.Option("--before", help="The task to stand right before.")
    ] = None,
    after: Annotated[
        str | None, typer.Option("--after", help="The task to stand right after.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Move a task in the order of its project (or the inbox): right before or after another
    open task of the same list, as dragging it in the web app does."""
    if (before is None) == (after is None):
        raise fail("Say where: --before N or --after N (one of them).")
    task_id = _numbered(which)
    before_id = None if before is None else _numbered(before)
    after_id = None if after is None else _numbered(after)
    moved = run_signed_in(
        lambda taskmate: taskmate.tasks.move(task_id, before_id=before_id, after_id=after_id)
    )
    _show([moved], as_json=as_json, one=True)
