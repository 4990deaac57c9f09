"""Server-Sent Events, for clients without WebSockets: a conversation's live frames
(``GET /conversations/{id}/events``) and the user's own channel (``GET /events``).

``EventSource`` sends the session cookie (a GET needs no CSRF token); scripts send a bearer
token. Each stream holds one of the user's connection slots until it ends, and carries the
WebSocket's payloads: ``item`` events carry the item with its ``seq`` as the event id, so a
reconnecting ``EventSource`` resumes with ``Last-Event-ID``.

The streams are left out of the OpenAPI schema: a schema cannot describe an endless body.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import APIRouter, Header, Query, Request
from starlette.responses import StreamingResponse
from starlette.types import Receive, Scope, Send

from taskmate.api.deps import RuntimeDep
from taskmate.api.routing import ApiRoute
from taskmate.api.runtime import Runtime
from taskmate.api.text import Text
from taskmate.auth.cookies import ACCESS_COOKIE
from taskmate.auth.deps import bearer_token
from taskmate.chat.access import membership
from taskmate.chat.deps import ConversationId
from taskmate.chat.live.caller import LiveCaller, authenticate
from taskmate.chat.live.frames import Frame, to_json
from taskmate.chat.live.session import Heartbeat, LiveSession, Subscribe
from taskmate.chat.live.streaming import text_so_far
from taskmate.chat.schemas import MAX_COUNTER, CounterParam
from taskmate.errors import AppError, Unauthorized, ValidationFailed

router = APIRouter(tags=["events"], route_class=ApiRoute)

HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
PING = ": ping\n\n"
USER_FRAMES = frozenset(
    {"task", "project", "conversation", "reminder", "notifications", "activity"}
)
CONVERSATION_FRAMES = frozenset({"item", "delta", "typing", "presence", "receipt"})


class EventStream(StreamingResponse):
    """A ``text/event-stream`` that releases its live session however it ends."""

    media_type = "text/event-stream"

    def __init__(self, content: AsyncIterator[str], session: LiveSession) -> None:
        super().__init__(content, headers=HEADERS)
        self._session = session

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            await self._session.close()


@router.get("/events", include_in_schema=False)
async def user_events(request: Request, runtime: RuntimeDep) -> EventStream:
    session = await _open(request, runtime, await _caller(request, runtime))
    return EventStream(_user_stream(session, runtime.live.sse_ping_interval), session)


@router.get("/conversations/{conversation_id}/events", include_in_schema=False)
async def conversation_events(
    request: Request,
    runtime: RuntimeDep,
    conversation_id: ConversationId,
    after_seq: Annotated[CounterParam | None, Query()] = None,
    last_event_id: Annotated[Annotated[str, Text(max_length=20)] | None, Header()] = None,
) -> EventStream:
    """Replays the changes after ``Last-Event-ID`` (else ``after_seq``; with neither,
    nothing) and the messages still streaming, then follows the conversation live."""
    resume = _resume_point(after_seq, last_event_id)
    caller = await _caller(request, runtime)
    async with runtime.database.session() as db:
        await membership(db, conversation_id, caller.user_id)
    session = await _open(request, runtime, caller)
    session.post(Subscribe(conversation_id, resume))
    ping_every = runtime.live.sse_ping_interval
    return EventStream(_conversation_stream(session, conversation_id, ping_every), session)


async def _user_stream(session: LiveSession, ping_every: float) -> AsyncIterator[str]:
    async for output in session.outgoing(heartbeat=ping_every):
        if isinstance(output, Heartbeat):
            yield PING
        elif isinstance(output, dict) and output["type"] in USER_FRAMES:
            yield _event(output)


async def _conversation_stream(
    session: LiveSession, conversation_id: str, ping_every: float
) -> AsyncIterator[str]:
    """Ends when the conversation can no longer be followed (removed, deleted)."""
    async for output in session.outgoing(heartbeat=ping_every):
        if isinstance(output, Heartbeat):
            yield PING
            continue
        if not isinstance(output, dict):
            return
        kind = output["type"]
        if kind == "error" and output.get("ref") == conversation_id:
            return
        if kind in CONVERSATION_FRAMES:
            yield _event(output)
        elif kind == "conversation" and output["conversation"]["id"] == conversation_id:
            yield _event(output)
            if output["event"] == "deleted":
                return


def _event(frame: Frame) -> str:
    if frame["type"] == "item":
        item = frame["item"]
        return f"event: item\nid: {item['seq']}\ndata: {to_json(item)}\n\n"
    return f"event: {frame['type']}\ndata: {to_json(frame)}\n\n"


def _resume_point(after_seq: int | None, last_event_id: str | None) -> int | None:
    """A reconnecting ``EventSource`` sends the id of the last event it saw, which is
    newer than the ``after_seq`` of the URL it first opened."""
    if not last_event_id:
        return after_seq
    if not (last_event_id.isascii() and last_event_id.isdigit()) or (
        int(last_event_id) > MAX_COUNTER
    ):
        raise ValidationFailed.field("Last-Event-ID", "is not the seq of an item event")
    return int(last_event_id)


async def _caller(request: Request, runtime: Runtime) -> LiveCaller:
    token = bearer_token(request) or request.cookies.get(ACCESS_COOKIE)
    if not token:
        raise Unauthorized("Sign in first: send a bearer token or use the session cookie.")
    return await authenticate(runtime, token)


async def _open(request: Request, runtime: Runtime, caller: LiveCaller) -> LiveSession:
    session = LiveSession(runtime, caller, text_so_far(request.app.state), transport="sse")
    try:
        await session.open()
    except AppError:
        await session.close()
        raise
    return session
