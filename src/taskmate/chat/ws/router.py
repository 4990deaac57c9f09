"""``GET /api/v1/ws``, served by ``live_socket`` straight from the app (``taskmate.app``),
past the HTTP middleware and router: none of them applies to a socket, and each layer kept a
suspended frame in memory for as long as the socket was open."""

from __future__ import annotations

import asyncio
from contextlib import suppress

import structlog
from fastapi import WebSocket
from starlette.responses import JSONResponse
from starlette.websockets import WebSocketDisconnect

from taskmate.api.deps import get_runtime
from taskmate.api.drain import DRAINING
from taskmate.chat.handoff import local_runner
from taskmate.chat.hooks import undo_handlers
from taskmate.chat.live.commands import Commands
from taskmate.chat.live.frames import (
    RESTARTING,
    SERVER_ERROR,
    SERVER_RESTARTING,
    SESSION_ENDED,
    TOO_MANY_CONNECTIONS,
    UNAUTHORIZED,
    Close,
    error_frame,
    ready_frame,
    to_json,
)
from taskmate.chat.live.presence import TooManyConnections
from taskmate.chat.live.session import LiveSession
from taskmate.chat.live.streaming import text_so_far
from taskmate.chat.ws.handshake import handshake
from taskmate.errors import Unauthorized, Unavailable, ValidationFailed, error_body

logger = structlog.get_logger(__name__)

PATH = "/ws"

NOT_TEXT = "Frames are JSON text; binary frames are not read."
WRITER_GRACE = 1.0  # seconds the writer has to finish once the client is gone


async def live_socket(websocket: WebSocket) -> None:
    runtime = get_runtime(websocket)
    if runtime.drain.draining:
        body = error_body(Unavailable.code, DRAINING)
        await websocket.send_denial_response(JSONResponse(body, status_code=Unavailable.status))
        return
    caller = await handshake(websocket, runtime)
    if caller is None:
        return
    session = LiveSession(runtime, caller, text_so_far(websocket.app.state), transport="ws")
    try:
        await session.open()
    except TooManyConnections:
        await session.close()
        await websocket.close(TOO_MANY_CONNECTIONS, "Too many live connections; close one first.")
        return
    except Unauthorized:
        await session.close()
        await websocket.close(UNAUTHORIZED, SESSION_ENDED)
        return
    except Unavailable:  # the instance began to drain during the handshake
        await session.close()
        await websocket.close(SERVER_RESTARTING, RESTARTING)
        return
    writer: asyncio.Task[None] | None = None
    try:
        await websocket.send_text(to_json(ready_frame(session.connection_id, caller.user_id)))
        writer = asyncio.create_task(_write(websocket, session))
        state = websocket.app.state
        commands = Commands(runtime, session, undo_handlers(state), local_runner(state))
        await _read(websocket, session, commands)
    except WebSocketDisconnect:
        pass
    finally:
        if writer is not None:
            await _ended(writer, session)
        await session.close()


async def _ended(writer: asyncio.Task[None], session: LiveSession) -> None:
    """Lets the writer end by itself, cancelling it only if it does not end soon: a
    cancelled writer's ``CancelledError`` kept the socket's objects in a reference cycle
    that only a full garbage collection freed, and those grew long with many sockets."""
    session.finish()
    done, _pending = await asyncio.wait({writer}, timeout=WRITER_GRACE)
    if not done:
        writer.cancel()
        await asyncio.gather(writer, return_exceptions=True)


async def _read(websocket: WebSocket, session: LiveSession, commands: Commands) -> None:
    while True:
        message = await websocket.receive()
        if message["type"] == "websocket.disconnect":
            return
        text = message.get("text")
        if text is None:
            session.post(error_frame(ValidationFailed(NOT_TEXT)))
        else:
            await commands.run(text)


async def _write(websocket: WebSocket, session: LiveSession) -> None:
    try:
        async for output in session.outgoing():
            if isinstance(output, Close):
                await websocket.close(output.code, output.reason)
                return
            if isinstance(output, dict) and not await _sent(websocket, to_json(output)):
                return
    except Exception:
        logger.exception("socket_writer_failed", connection_id=session.connection_id)
        with suppress(Exception):
            await websocket.close(SERVER_ERROR)


async def _sent(websocket: WebSocket, text: str) -> bool:
    """Sends a frame; False when the client has gone (uvicorn raises ``RuntimeError`` once
    it has answered the client's close, before the reader hears of the disconnect)."""
    try:
        await websocket.send_text(text)
    except (WebSocketDisconnect, RuntimeError):
        return False
    return True
