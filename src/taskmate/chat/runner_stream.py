"""Streaming a message's text: coalesced deltas with their offsets, and the text so far."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from typing import Any, Protocol

import structlog

from taskmate.chat.stream_store import StreamStore

logger = structlog.get_logger(__name__)


class TransientPublisher(Protocol):
    """Delivers frames that are not part of the item log (deltas) to a conversation's
    subscribers, on every instance, at most once."""

    async def publish_transient(self, conversation_id: str, frame: dict[str, Any]) -> None: ...


class TextStream:
    """The text of one streaming message.

    ``add`` buffers deltas; ``run`` publishes what is buffered as one ``delta`` frame at
    most once per ``window`` seconds (at once when the previous frame is older, so the first
    token is not delayed; also at once when ``max_chars`` are waiting), after appending the
    chunk to the stream store. ``close`` makes ``run`` publish what is left
    and return. ``published`` is the text every frame so far adds up to; offsets count code
    points. A failure to publish or to store never stops the generation: a lost frame is
    healed by the next item event, and a store that missed a chunk forgets the message, so
    readers fall back to the checkpoint instead of reading a text with a hole.

    ``held`` gives the text so far and publishes no delta until its block ends: a
    checkpoint written and announced inside it carries every character sent before it, so
    an ``item`` frame never takes a subscriber's text backwards.
    """

    def __init__(
        self,
        *,
        conversation_id: str,
        item_id: str,
        publisher: TransientPublisher,
        store: StreamStore,
        window: float,
        max_chars: int,
    ) -> None:
        self._conversation_id = conversation_id
        self._item_id = item_id
        self._publisher = publisher
        self._store = store
        self._window = window
        self._max_chars = max_chars
        self._published: list[str] = []
        self._length = 0
        self._pending: list[str] = []
        self._pending_chars = 0
        self._has_pending = asyncio.Event()
        self._full = asyncio.Event()
        self._closing = False
        self._store_state = "ok"  # "ok", then "broken" after a failed append, then "off"
        self._publishing = asyncio.Lock()

    @property
    def published(self) -> str:
        return "".join(self._published)

    @property
    def length(self) -> int:
        """Code points published so far."""
        return self._length

    @asynccontextmanager
    async def held(self) -> AsyncIterator[str]:
        async with self._publishing:
            yield self.published

    def add(self, text: str) -> None:
        if not text:
            return
        self._pending.append(text)
        self._pending_chars += len(text)
        self._has_pending.set()
        if self._pending_chars >= self._max_chars:
            self._full.set()

    def close(self) -> None:
        self._closing = True
        self._has_pending.set()
        self._full.set()

    async def run(self) -> None:
        loop = asyncio.get_running_loop()
        last_flush = -self._window
        while True:
            await self._has_pending.wait()
            wait = last_flush + self._window - loop.time()
            if wait > 0 and not self._closing:
                with suppress(TimeoutError):
                    async with asyncio.timeout(wait):
                        await self._full.wait()
            last_flush = loop.time()
            async with self._publishing:
                await self._flush()
            if self._closing and not self._pending:
                return

    async def _flush(self) -> None:
        chunk = "".join(self._pending)
        self._pending.clear()
        self._pending_chars = 0
        self._has_pending.clear()
        self._full.clear()
        if not chunk:
            return
        offset = self._length
        self._published.append(chunk)
        self._length += len(chunk)
        frame = {
            "type": "delta",
            "conversation_id": self._conversation_id,
            "item_id": self._item_id,
            "offset": offset,
            "text": chunk,
        }
        await self._store_chunk(chunk)  # first: whoever saw a frame finds its text stored
        try:
            await self._publisher.publish_transient(self._conversation_id, frame)
        except Exception:
            logger.warning("delta_not_published", item_id=self._item_id, exc_info=True)

    async def _store_chunk(self, chunk: str) -> None:
        try:
            if self._store_state == "ok":
                await self._store.append(self._item_id, chunk)
            elif self._store_state == "broken":
                await self._store.discard(self._item_id)
                self._store_state = "off"
        except Exception:
            logger.warning("stream_store_unavailable", item_id=self._item_id, exc_info=True)
            self._store_state = "broken"
