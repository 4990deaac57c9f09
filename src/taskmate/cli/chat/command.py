"""``taskmate chat [--new]``: pick a conversation (or start one) and talk in it."""

from __future__ import annotations

from typing import Annotated
from zoneinfo import ZoneInfo

import typer

from taskmate.cli.session import run_signed_in, signed_in
from taskmate.cli.words import ago
from taskmate.client import Conversation, Taskmate

LISTED = 15


async def _pick(taskmate: Taskmate, zone: ZoneInfo, new: bool) -> Conversation:
    listed = [] if new else (await taskmate.conversations.list(limit=LISTED)).items
    if not listed:
        return await taskmate.conversations.create()
    for number, conversation in enumerate(listed, start=1):
        title = conversation.title or "Untitled"
        typer.echo(f"{number:>3}. {title} — {ago(conversation.updated_at, zone)}")
    choice = typer.prompt("Number to open, or Enter for a new conversation", default="")
    if choice.strip().isdigit() and 1 <= int(choice) <= len(listed):
        return listed[int(choice) - 1]
    return await taskmate.conversations.create()


def chat(
    new: Annotated[bool, typer.Option("--new", help="Start a new conversation.")] = False,
) -> None:
    """Talk with the assistant: streamed answers, tool calls (`undo`), choices by number."""
    from taskmate.cli.chat.screen import ChatScreen

    _stored, zone = signed_in()

    async def talk(taskmate: Taskmate) -> None:
        me = await taskmate.me()
        conversation = await _pick(taskmate, zone, new)
        await ChatScreen(taskmate, conversation, me=me.id).run(zone)

    run_signed_in(talk)
