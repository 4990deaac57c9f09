"""One live connection: the conversations it follows, and the frames it owes its client.

Everything that reaches the client goes through the connection's ``Outbox``, in order:
broker events (the user's channel and each followed conversation's), frames answering the
client's requests, and ``Subscribe``/``Unsubscribe`` requests. The transport's writer drains
it through ``outgoing``, which is the only code that changes the followed conversations, so
no locking is needed and a single task per connection does all the work.

Following a conversation: the broker listener is attached first, then the log is read from
the database, so a change committed at any moment is either in what was read or arrives
live afterwards (or both: live item frames with a ``seq`` already delivered are dropped).
A live item whose ``seq`` skips ahead means the broker lost something: the missing range is
read from the database before it goes out. A ``resync`` event does the same for the tail.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Final

import structlog

from taskmate.api.runtime import Runtime
from taskmate.broker import Listening
from taskmate.chat.live.caller import LiveCaller, session_alive
from taskmate.chat.live.frames import (
    RESTARTING,
    SERVER_RESTARTING,
    SESSION_ENDED,
    TOO_SLOW,
    UNAUTHORIZED,
    Close,
    Frame,
    failure_frame,
    item_frame,
    receipt_frame,
    subscribed_frame,
    user_frame,
)
from taskmate.chat.live.log_reader import LogReader
from taskmate.chat.live.outbox import Finished, Outbox, Overflowed
from taskmate.chat.live.presence import ConnectionSlots, Presence
from taskmate.chat.live.streaming import TextSoFar
from taskmate.db.base import new_id
from taskmate.errors import Unauthorized
from taskmate.events import ConversationEvent, DomainEvent

logger = structlog.get_logger(__name__)


@dataclass(frozen=True, slots=True)
class Subscribe:
    conversation_id: str
    after_seq: int | None


@dataclass(frozen=True, slots=True)
class Unsubscribe:
    conversation_id: str


class Heartbeat:
    """Nothing happened for a while (event streams send a ping comment)."""


HEARTBEAT: Final = Heartbeat()
Output = Frame | Close | Heartbeat


class Feed:
    """A conversation the connection follows."""

    __slots__ = ("last_seq", "listening", "present")

    def __init__(self, listening: Listening) -> None:
        self.listening = listening
        self.last_seq = 0  # the seq of the last item change delivered (or known to be older)
        self.present = False


class LiveSession:
    def __init__(
        self, runtime: Runtime, caller: LiveCaller, texts: TextSoFar, *, transport: str
    ) -> None:
        self.caller = caller
        self.transport = transport  # "ws" or "sse", for the metrics
        self.connection_id = new_id()
        self._runtime = runtime
        self._metrics = runtime.metrics
        self._broker = runtime.events
        self._outbox = Outbox(runtime.live.send_queue_frames)
        self._log = LogReader(runtime, caller, texts)
        self._presence = Presence(runtime.events)
        self._slots = ConnectionSlots(runtime.events, runtime.settings.max_connections_per_user)
        self._feeds: dict[str, Feed] = {}
        self._user: Listening | None = None

    async def open(self) -> None:
        """Takes one of the user's connection slots (``TooManyConnections``) and follows the
        user's channel. The session is checked again once the channel is followed, so an
        ending that raced with opening is not missed (``Unauthorized``). A draining instance
        takes no new connections (``Unavailable``)."""
        self._runtime.drain.admit(self)
        structlog.contextvars.bind_contextvars(
            connection_id=self.connection_id, user_id=self.caller.user_id
        )
        await self._slots.take(self.caller.user_id, self.connection_id)
        self._user = await self._broker.listen_user(self.caller.user_id, self._outbox.put)
        if not await session_alive(self._runtime, self.caller):
            raise Unauthorized(SESSION_ENDED)
        logger.info("live_connection_opened", transport=self.transport)

    async def close(self) -> None:
        """Stops following everything and gives the connection slot back."""
        try:
            if self._user is not None:
                await self._user.stop()
            for conversation_id in list(self._feeds):
                await self._stop_following(conversation_id)
            await self._slots.give_back(self.caller.user_id, self.connection_id)
        finally:
            self._runtime.drain.release(self)
            logger.info("live_connection_closed", transport=self.transport)

    def restart(self) -> None:
        """Ends the connection with 1012 (the instance is shutting down)."""
        self._outbox.put(Close(SERVER_RESTARTING, RESTARTING))

    def finish(self) -> None:
        """Ends ``outgoing`` once it has handed out what is queued."""
        self._outbox.finish()

    def post(self, entry: Frame | Subscribe | Unsubscribe) -> None:
        """Queues a frame for the client, or a request the writer carries out in turn."""
        self._outbox.put(entry)

    def follows(self, conversation_id: str) -> bool:
        return conversation_id in self._feeds

    @property
    def subscriptions(self) -> int:
        return len(self._feeds)

    async def outgoing(self, *, heartbeat: float | None = None) -> AsyncIterator[Output]:
        """The frames to send, ending with a ``Close`` when the connection must end."""
        while True:
            try:
                entry = await self._outbox.get(idle=heartbeat)
            except Finished:
                return
            except Overflowed:
                self._metrics.overflowed()
                yield Close(TOO_SLOW, "Too slow to keep up; reconnect and resume from your seq.")
                return
            if entry is None:
                yield HEARTBEAT
                continue
            async for output in self._carry_out(entry):
                yield output
                if isinstance(output, Close):
                    return

    async def _carry_out(
        self, entry: Frame | Close | Subscribe | Unsubscribe | DomainEvent | ConversationEvent
    ) -> AsyncIterator[Frame | Close]:
        if isinstance(entry, dict | Close):
            yield entry
        elif isinstance(entry, ConversationEvent):
            async for frame in self._conversation_event(entry):
                yield frame
        elif isinstance(entry, DomainEvent):
            async for output in self._user_event(entry):
                yield output
        elif isinstance(entry, Subscribe):
            async for frame in self._follow(entry):
                yield frame
        else:
            await self._stop_following(entry.conversation_id)

    async def _user_event(self, event: DomainEvent) -> AsyncIterator[Frame | Close]:
        if event.kind == "resync":
            if not await session_alive(self._runtime, self.caller):
                yield Close(UNAUTHORIZED, SESSION_ENDED)
        elif event.kind == "session":
            if event.payload.get("session_id") == self.caller.session_id:
                yield Close(UNAUTHORIZED, SESSION_ENDED)
        else:
            yield user_frame(event)
            if event.kind == "conversation" and event.action == "deleted":
                await self._stop_following(event.payload["id"])

    async def _conversation_event(self, event: ConversationEvent) -> AsyncIterator[Frame]:
        conversation_id = event.conversation_id
        feed = self._feeds.get(conversation_id)
        if feed is None:
            return
        if event.kind == "item":
            async for frame in self._live_item(conversation_id, feed, event):
                yield frame
        elif event.kind == "resync":
            async for frame in self._catch_up(conversation_id, feed):
                yield frame
        elif event.kind == "receipt":
            yield receipt_frame(conversation_id, event.payload)
        elif event.kind in ("delta", "presence", "typing") and not self._own_typing(event):
            yield event.payload

    def _own_typing(self, event: ConversationEvent) -> bool:
        """Typing goes to the other participants only."""
        return event.kind == "typing" and event.payload.get("user_id") == self.caller.user_id

    async def _live_item(
        self, conversation_id: str, feed: Feed, event: ConversationEvent
    ) -> AsyncIterator[Frame]:
        seq = event.seq or 0
        if seq > feed.last_seq + 1:
            async for frame in self._catch_up(conversation_id, feed):
                yield frame
        if seq > feed.last_seq and conversation_id in self._feeds:
            feed.last_seq = seq
            yield item_frame(conversation_id, event.payload)

    async def _catch_up(self, conversation_id: str, feed: Feed) -> AsyncIterator[Frame]:
        """Sends every change after ``feed.last_seq``, from the database."""
        try:
            while True:
                page = await self._log.changes(conversation_id, feed.last_seq)
                for item in page.items:
                    yield item_frame(conversation_id, item)
                feed.last_seq = page.last_seq
                if not page.has_more:
                    return
        except Exception as error:  # removed from it, it was deleted, or the database failed
            await self._stop_following(conversation_id)
            yield failure_frame(error, ref=conversation_id)

    async def _follow(self, request: Subscribe) -> AsyncIterator[Frame]:
        conversation_id, after_seq = request.conversation_id, request.after_seq
        feed = self._feeds.get(conversation_id)
        if feed is None:
            listening = await self._broker.listen_conversation(conversation_id, self._outbox.put)
            feed = self._feeds[conversation_id] = Feed(listening)
        try:
            streaming = await self._log.streaming(conversation_id)
        except Exception as error:  # not the caller's to read, or the database failed
            await self._stop_following(conversation_id)
            if after_seq is not None:
                self._metrics.resumed("refused")
            yield failure_frame(error, ref=conversation_id)
            return
        for item in streaming.items:
            if after_seq is None or item["seq"] <= after_seq:
                yield item_frame(conversation_id, item)
        if after_seq is None:
            feed.last_seq = streaming.last_seq
        else:
            feed.last_seq = after_seq
            async for frame in self._catch_up(conversation_id, feed):
                yield frame
            if conversation_id not in self._feeds:
                self._metrics.resumed("refused")
                return
            self._metrics.resumed("replayed" if feed.last_seq > after_seq else "current")
        yield subscribed_frame(conversation_id, feed.last_seq)
        if not feed.present:
            feed.present = True
            user_id = self.caller.user_id
            presence = await self._presence.join(conversation_id, user_id, self.connection_id)
            if presence is not None:
                yield presence

    async def _stop_following(self, conversation_id: str) -> None:
        feed = self._feeds.pop(conversation_id, None)
        if feed is None:
            return
        await feed.listening.stop()
        if feed.present:
            await self._presence.leave(conversation_id, self.caller.user_id, self.connection_id)
