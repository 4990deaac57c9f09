"""``python -m bench.echo_server PORT``: the baseline, a bare ASGI WebSocket server on uvicorn
with the very options Taskmate uses (``taskmate.server.server_options``).

It accepts every socket without authentication, echoes every text frame, and answers
``stream <tokens> <delay_us>`` (``bench.stream_script``) by pushing one ``delta`` frame per
token at its scheduled time. Any HTTP request gets 200, which tells the benchmark it is up.
"""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Awaitable, Callable
from contextlib import suppress
from typing import Any

import uvicorn

from bench.stream_script import StreamPlan, now_us
from taskmate.config import Settings
from taskmate.server import server_options

Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


async def _push_stream(plan: StreamPlan, send: Send) -> None:
    start_us = now_us()
    offset = 0
    for index in range(plan.tokens):
        wait_us = plan.due_us(start_us, index) - now_us()
        if wait_us > 0:
            await asyncio.sleep(wait_us / 1e6)
        text = plan.token(start_us, index)
        frame = {"type": "delta", "offset": offset, "text": text}
        await send({"type": "websocket.send", "text": json.dumps(frame)})
        offset += len(text)


async def _websocket(receive: Receive, send: Send) -> None:
    await receive()  # websocket.connect
    await send({"type": "websocket.accept"})
    streams: set[asyncio.Task[None]] = set()
    try:
        while (message := await receive())["type"] == "websocket.receive":
            text = message.get("text") or ""
            if text.startswith("stream "):
                stream = asyncio.create_task(_push_stream(StreamPlan.parse(text), send))
                streams.add(stream)
                stream.add_done_callback(streams.discard)
            else:
                await send({"type": "websocket.send", "text": text})
    finally:
        for stream in list(streams):
            stream.cancel()
            with suppress(asyncio.CancelledError, Exception):
                await stream


async def app(scope: Message, receive: Receive, send: Send) -> None:
    if scope["type"] == "websocket":
        await _websocket(receive, send)
    elif scope["type"] == "http":
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})
    elif scope["type"] == "lifespan":
        while (await receive())["type"] != "lifespan.shutdown":
            await send({"type": "lifespan.startup.complete"})
        await send({"type": "lifespan.shutdown.complete"})


def main() -> None:
    options = server_options(Settings(port=int(sys.argv[1]), log_level="warning"))
    uvicorn.run(app, **options)


if __name__ == "__main__":
    main()
