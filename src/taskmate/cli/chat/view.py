"""How items look in the terminal: each item is printed once per state worth telling
(a step done, a tool call finished, a choice asked, an answer complete); the answer being
streamed shows below the log until it completes."""

from __future__ import annotations

from datetime import UTC, datetime

from taskmate.client import Item

SHOWN_STATES = {
    "message": {"completed", "stopped", "interrupted", "failed"},
    "step": {"done", "failed"},
    "tool_call": {"succeeded", "failed"},
    "choice": {"pending", "chosen", "expired"},
}


def worth_showing(item: Item) -> bool:
    return item.status in SHOWN_STATES.get(item.type, set())


def undoable(item: Item, now: datetime | None = None) -> bool:
    now = now or datetime.now(UTC)
    return (
        item.type == "tool_call"
        and item.status == "succeeded"
        and item.undone_at is None
        and item.undo_until is not None
        and item.undo_until > now
    )


def render(item: Item, *, me: str) -> str:
    """The lines for one item's state (plain text with rich markup)."""
    if item.type == "message":
        return _message(item, me=me)
    if item.type == "step":
        mark = "✓" if item.status == "done" else "✗"
        return f"[dim]  {mark} {item.label}[/dim]"
    if item.type == "tool_call":
        return _tool_call(item)
    return _choice(item)


def _message(item: Item, *, me: str) -> str:
    if item.role == "user":
        who = "You" if item.author and item.author.user_id == me else _author(item)
        return f"[bold cyan]{who}:[/bold cyan] {_escape(item.content)}"
    ending = {
        "stopped": " [dim](stopped)[/dim]",
        "interrupted": " [yellow](interrupted: type `again` for a new answer)[/yellow]",
        "failed": " [red](could not be finished)[/red]",
    }.get(item.status, "")
    return f"[bold green]Assistant:[/bold green] {_escape(item.content)}{ending}"


def _tool_call(item: Item) -> str:
    summary = item.result.get("summary") if isinstance(item.result, dict) else None
    outcome = "done" if item.status == "succeeded" else "failed"
    line = f"[magenta]  ⚙ {item.name}[/magenta] {outcome}"
    if summary:
        line += f": {_escape(str(summary))}"
    if item.undone_at is not None:
        line += " [dim](undone)[/dim]"
    elif undoable(item):
        line += " [dim](type `undo` to undo)[/dim]"
    return line


def _choice(item: Item) -> str:
    if item.status == "pending":
        options = "  ".join(
            f"[bold]{number}[/bold]) {_escape(option.label)}"
            for number, option in enumerate(item.options, start=1)
        )
        question = f"[yellow]? {_escape(item.text or '')}[/yellow]"
        return f"{question}\n  {options}  [dim](type the number)[/dim]"
    if item.status == "chosen":
        label = next((o.label for o in item.options if o.id == item.chosen), item.chosen)
        return f"[dim]  → {_escape(str(label))}[/dim]"
    return "[dim]  (the question expired)[/dim]"


def _author(item: Item) -> str:
    return item.author.name if item.author and item.author.name else "Someone"


def _escape(text: str) -> str:
    return text.replace("[", r"\[")
