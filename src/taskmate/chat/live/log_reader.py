"""Reads a conversation's log for a live subscriber, one short transaction per page, so a
slow client never holds a database snapshot open while its frames go out."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from taskmate.api.runtime import Runtime
from taskmate.chat.context import ChatContext
from taskmate.chat.live.caller import LiveCaller
from taskmate.chat.live.streaming import TextSoFar
from taskmate.chat.reading import ReadingService
from taskmate.chat.render import item_json
from taskmate.chat.views import ItemPage

PAGE_SIZE = 500


@dataclass(frozen=True, kw_only=True, slots=True)
class RenderedPage:
    items: list[dict[str, Any]]  # as the API renders them; streaming ones with their text so far
    last_seq: int
    has_more: bool


class LogReader:
    def __init__(self, runtime: Runtime, caller: LiveCaller, texts: TextSoFar) -> None:
        self._runtime = runtime
        self._caller = caller
        self._texts = texts

    async def streaming(self, conversation_id: str) -> RenderedPage:
        """The messages still streaming and the conversation's ``last_seq``; raises
        ``NotFound`` unless the caller takes part in the conversation."""
        return await self._read(lambda reading: reading.streaming(conversation_id))

    async def changes(self, conversation_id: str, after_seq: int) -> RenderedPage:
        return await self._read(
            lambda reading: reading.changes(conversation_id, after_seq=after_seq, limit=PAGE_SIZE)
        )

    async def _read(self, read: Callable[[ReadingService], Awaitable[ItemPage]]) -> RenderedPage:
        runtime = self._runtime
        async with runtime.database.session() as session:
            ctx = ChatContext(
                session, actor=self._caller.actor, clock=runtime.clock, publisher=runtime.events
            )
            page = await read(ReadingService(ctx))
            items = [item_json(view) for view in page.items]
        await self._with_text_so_far(items)
        return RenderedPage(items=items, last_seq=page.last_seq, has_more=page.has_more)

    async def _with_text_so_far(self, items: list[dict[str, Any]]) -> None:
        for item in items:
            if item["status"] == "streaming":
                text = await self._texts.read(item["id"])
                if text is not None:
                    item["content"] = text
