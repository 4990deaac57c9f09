"""Opening the live socket: connect, send the ``auth`` frame, read ``ready``."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from taskmate.client.errors import TaskmateError
from taskmate.client.frames import Json, Ready, parse

OPEN_TIMEOUT = 10.0
REFUSALS = {4401: "unauthorized", 4403: "insufficient_scope", 4429: "rate_limited"}


async def receive_frame(connection: ClientConnection) -> Json:
    frame: Json = json.loads(await connection.recv())
    return frame


async def send_frame(connection: ClientConnection, frame: Json) -> None:
    await connection.send(json.dumps(frame))


def refusal(closed: ConnectionClosed) -> TaskmateError | None:
    """The error a close code stands for, when reconnecting cannot help."""
    code = closed.rcvd.code if closed.rcvd else None
    if code in (4401, 4403):
        reason = closed.rcvd.reason if closed.rcvd else ""
        return TaskmateError(REFUSALS[code], reason or "The server refused the credentials.")
    return None


async def open_authenticated(
    ws_url: str, token: str, *, open_timeout: float = OPEN_TIMEOUT, **options: Any
) -> tuple[ClientConnection, Ready]:
    """A socket past its ``ready`` frame. Refused credentials raise ``TaskmateError``
    (``unauthorized``, ``insufficient_scope``); ``options`` go to ``websockets.connect``."""
    connection = await connect(ws_url, open_timeout=open_timeout, close_timeout=1, **options)
    try:
        await send_frame(connection, {"type": "auth", "token": token})
        async with asyncio.timeout(open_timeout):
            ready = parse(await receive_frame(connection))
    except ConnectionClosed as closed:
        await connection.close()
        raise refusal(closed) or closed from None
    except BaseException:
        await connection.close()
        raise
    if not isinstance(ready, Ready):
        await connection.close()
        raise TaskmateError("protocol_error", f"Expected a ready frame, got {ready}.")
    return connection, ready
