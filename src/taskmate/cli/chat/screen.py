"""One conversation in the terminal: the log printed above a prompt, the streaming answer
and the connection's state in the bottom bar. Messages go through the live socket's outbox,
so a message typed while the server restarts is sent once it is back."""

from __future__ import annotations

import asyncio
import contextlib
import sys
from zoneinfo import ZoneInfo

import httpx
from prompt_toolkit import PromptSession
from prompt_toolkit.patch_stdout import patch_stdout
from rich.console import Console

from taskmate.cli.chat.view import render, undoable, worth_showing
from taskmate.cli.words import ago
from taskmate.client import Conversation, Item, Live, Taskmate, TaskmateError
from taskmate.client.frames import Delta, ItemChanged, Reconnecting, Resumed

HISTORY = 20
STREAM_TAIL = 240  # characters of the streaming answer shown in the bottom bar
QUIT = {"/quit", "/exit", "exit", "quit"}


class ChatScreen:
    def __init__(self, taskmate: Taskmate, conversation: Conversation, *, me: str) -> None:
        self._taskmate = taskmate
        self._conversation = conversation
        self._me = me
        self._shown: set[tuple[str, str, bool]] = set()
        self._status = "connecting…"
        self._streaming = ""
        self._live: Live | None = None
        self._prompt: PromptSession[str] = PromptSession()
        self._console = Console(highlight=False)

    async def run(self, zone: ZoneInfo) -> None:
        with patch_stdout(raw=True):
            self._console = Console(file=sys.stdout, force_terminal=True, highlight=False)
            title = self._conversation.title or "New conversation"
            started = ago(self._conversation.created_at, zone)
            self._console.print(f"[bold]{title}[/bold] [dim](started {started})[/dim]")
            self._console.print("[dim]Type a message; `undo`, a choice's number, `/quit`.[/dim]")
            async with self._taskmate.live(max_backoff=1.0) as live:
                self._live = live
                self._status = "connected"
                page = await self._taskmate.conversations.items(
                    self._conversation.id, limit=HISTORY
                )
                for item in page.items:
                    self._show(item)
                await live.subscribe(self._conversation.id, after_seq=page.last_seq)
                follower = asyncio.create_task(self._follow(live))
                try:
                    await self._converse(follower)
                finally:
                    follower.cancel()
                    with contextlib.suppress(asyncio.CancelledError, TaskmateError):
                        await follower

    async def _converse(self, follower: asyncio.Task[None]) -> None:
        while not follower.done():
            try:
                text = await self._prompt.prompt_async("> ", bottom_toolbar=self._toolbar)
            except (EOFError, KeyboardInterrupt):
                return
            text = text.strip()
            if text in QUIT:
                return
            if text:
                await self._handle(text)

    async def _handle(self, text: str) -> None:
        assert self._live is not None
        conversation_id = self._conversation.id
        try:
            if text == "undo":
                await self._undo()
            elif text == "again":
                await self._taskmate.conversations.regenerate(conversation_id)
            elif text.isdigit() and (choice := self._pending_choice()) is not None:
                await self._choose(choice, int(text))
            else:
                await self._live.send(conversation_id, text)
        except TaskmateError as error:
            self._console.print(f"[red]{error.message}[/red]")
        except httpx.TransportError:
            self._console.print("[red]The server is not reachable; try again in a moment.[/red]")

    async def _undo(self) -> None:
        latest = [item for item in self._items() if undoable(item)]
        if not latest:
            self._console.print("[dim]Nothing to undo.[/dim]")
            return
        await self._taskmate.conversations.undo(self._conversation.id, latest[-1].id)

    async def _choose(self, choice: Item, number: int) -> None:
        if not 1 <= number <= len(choice.options):
            self._console.print(f"[red]Choose a number from 1 to {len(choice.options)}.[/red]")
            return
        option = choice.options[number - 1].id
        await self._taskmate.conversations.choose(self._conversation.id, choice.id, option)

    def _pending_choice(self) -> Item | None:
        pending = [
            item
            for item in self._items()
            if item.type == "choice"
            and item.status == "pending"
            and item.for_user_id in (None, self._me)
        ]
        return pending[-1] if pending else None

    def _items(self) -> list[Item]:
        assert self._live is not None
        return self._live.transcript(self._conversation.id).in_order()

    async def _follow(self, live: Live) -> None:
        while True:
            event = await live.next()
            if isinstance(event, ItemChanged):
                self._show(event.item)
            elif isinstance(event, Delta) and event.item is not None:
                self._streaming = event.item.content
            elif isinstance(event, Reconnecting):
                self._status = "reconnecting…"
            elif isinstance(event, Resumed):
                self._status = "connected"
            self._prompt.app.invalidate()

    def _show(self, item: Item) -> None:
        if item.type == "message" and item.status == "streaming":
            self._streaming = item.content if len(item.content) > len(self._streaming) else ""
            return
        if item.type == "message" and item.role == "assistant":
            self._streaming = ""
        key = (item.id, item.status, item.undone_at is not None)
        if worth_showing(item) and key not in self._shown:
            self._shown.add(key)
            self._console.print(render(item, me=self._me))

    def _toolbar(self) -> str:
        streaming = self._streaming[-STREAM_TAIL:].replace("\n", " ")
        line = f" {self._status}"
        return f"{line} | Assistant: {streaming}" if streaming else line
