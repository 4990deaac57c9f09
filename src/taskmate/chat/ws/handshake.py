"""Opening a socket: who the caller is (cookie session or auth frame), or why not.

A cookie from an Origin that is not allowed is refused before the upgrade (HTTP 403). A
cookie without any Origin header is ignored (browsers always send one), so such a client
authenticates like token clients do, with an ``auth`` first frame.
"""

from __future__ import annotations

import asyncio

from starlette.websockets import WebSocket

from taskmate.api.runtime import Runtime
from taskmate.auth.cookies import ACCESS_COOKIE
from taskmate.auth.scopes import InsufficientScope
from taskmate.chat.live.caller import LiveCaller, authenticate
from taskmate.chat.live.client_frames import AuthFrame, parse_frame, read_frame
from taskmate.chat.live.frames import AUTH_TIMEOUT, FORBIDDEN, UNAUTHORIZED
from taskmate.errors import AppError, Unauthorized

NO_AUTH_FRAME = "Send {'type': 'auth', 'token': <access token>} as the first frame."
TOO_LATE = "No auth frame arrived in time; reconnect and send it first."
BAD_CREDENTIALS = "The credentials are not valid, or the session ended; sign in again."
NO_CHAT_SCOPE = "This access token lacks the chat scope; create one that has it."


async def handshake(websocket: WebSocket, runtime: Runtime) -> LiveCaller | None:
    """The authenticated caller of an accepted socket, or None once it has been refused.
    A close reason must fit in 123 bytes, so the reasons are short."""
    cookie = websocket.cookies.get(ACCESS_COOKIE)
    origin = websocket.headers.get("origin")
    if cookie and origin is not None:
        if origin.rstrip("/") not in runtime.settings.origins:
            await websocket.close()  # before accepting: the upgrade answers 403
            return None
        await websocket.accept()
        token = cookie
    else:
        await websocket.accept()
        sent = await _auth_frame(websocket, runtime.live.auth_timeout)
        if sent is None:
            return None
        token = sent
    try:
        return await authenticate(runtime, token)
    except Unauthorized:
        await websocket.close(UNAUTHORIZED, BAD_CREDENTIALS)
        return None
    except InsufficientScope:
        await websocket.close(FORBIDDEN, NO_CHAT_SCOPE)
        return None


async def _auth_frame(websocket: WebSocket, seconds: float) -> str | None:
    try:
        async with asyncio.timeout(seconds):
            message = await websocket.receive()
    except TimeoutError:
        await websocket.close(AUTH_TIMEOUT, TOO_LATE)
        return None
    if message["type"] == "websocket.disconnect":
        return None
    try:
        frame = parse_frame(read_frame(message.get("text") or ""))
    except AppError:  # not JSON, too deep, not a frame: not an auth frame either
        frame = None
    if not isinstance(frame, AuthFrame):
        await websocket.close(UNAUTHORIZED, NO_AUTH_FRAME)
        return None
    return frame.token
