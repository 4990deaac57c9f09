"""A local OpenAI-compatible server for tests: ``/v1/chat/completions`` answers each request
with the next entry of a script (SSE chunks, an HTTP error, a hang, garbage or a connection
cut mid-stream). Title requests get ``title`` without using the script."""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from taskmate.assistant.llm.titles import TITLE_INSTRUCTIONS
from tests.live_server import _Server, until

Json = dict[str, Any]


@dataclass(frozen=True)
class Stream:
    """SSE chunks; after ``cut_after`` of them the connection drops, after ``hang_after``
    nothing more comes until the test ends."""

    chunks: Sequence[Json]
    cut_after: int | None = None
    hang_after: int | None = None


@dataclass(frozen=True)
class Fail:
    status: int = 500


@dataclass(frozen=True)
class Hang:
    """Sends headers, then nothing until the test ends."""


@dataclass(frozen=True)
class Garbage:
    """A chunk that is not JSON."""


Entry = Stream | Fail | Hang | Garbage


def _chunk(delta: Json, finish: str | None = None) -> Json:
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion.chunk",
        "created": 0,
        "model": "test-model",
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }


USAGE = {
    "id": "chatcmpl-test",
    "object": "chat.completion.chunk",
    "created": 0,
    "model": "test-model",
    "choices": [],
    "usage": {"prompt_tokens": 120, "completion_tokens": 12, "total_tokens": 132},
}


def text(answer: str) -> Stream:
    words = answer.split(" ")
    pieces = [word + (" " if n < len(words) - 1 else "") for n, word in enumerate(words)]
    chunks = [_chunk({"role": "assistant", "content": ""})]
    chunks += [_chunk({"content": piece}) for piece in pieces]
    return Stream([*chunks, _chunk({}, "stop"), USAGE])


def tool_calls(*calls: tuple[str, Json]) -> Stream:
    """The calls in parallel, each call's arguments split in three chunks, interleaved."""
    chunks = [_chunk({"role": "assistant", "content": None})]
    for index, (name, _) in enumerate(calls):
        start = {"index": index, "id": f"call_{index}", "type": "function"}
        chunks.append(
            _chunk({"tool_calls": [start | {"function": {"name": name, "arguments": ""}}]})
        )
    encoded = [json.dumps(arguments) for _, arguments in calls]
    for part in range(3):
        for index, arguments in enumerate(encoded):
            third = -(-len(arguments) // 3)
            piece = arguments[part * third : (part + 1) * third]
            chunks.append(
                _chunk({"tool_calls": [{"index": index, "function": {"arguments": piece}}]})
            )
    return Stream([*chunks, _chunk({}, "tool_calls"), USAGE])


@dataclass
class ScriptedServer:
    url: str = ""
    title: str = "Groceries"
    script: list[Entry] = field(default_factory=list)
    requests: list[Json] = field(default_factory=list)
    _release: asyncio.Event = field(default_factory=asyncio.Event)

    def play(self, *entries: Entry) -> None:
        self.script.extend(entries)

    async def completions(self, request: Request) -> Response:
        body: Json = await request.json()
        system = " ".join(str(m.get("content")) for m in body["messages"] if m["role"] == "system")
        if TITLE_INSTRUCTIONS in system:
            return self._title(streamed=bool(body.get("stream")))
        self.requests.append(body)
        entry = self.script.pop(0) if self.script else text("Done.")
        if isinstance(entry, Fail):
            return JSONResponse({"error": {"message": "scripted failure"}}, entry.status)
        return StreamingResponse(self._events(entry), media_type="text/event-stream")

    def _title(self, *, streamed: bool) -> Response:
        if streamed:
            return StreamingResponse(self._events(text(self.title)), media_type="text/event-stream")
        message = {"role": "assistant", "content": self.title}
        return JSONResponse(
            {
                "id": "chatcmpl-title",
                "object": "chat.completion",
                "created": 0,
                "model": "test-model",
                "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
                "usage": {"prompt_tokens": 20, "completion_tokens": 2, "total_tokens": 22},
            }
        )

    async def _events(self, entry: Entry) -> AsyncIterator[str]:
        if isinstance(entry, Hang):
            await self._release.wait()
            return
        if isinstance(entry, Garbage):
            yield 'data: {"id": "chatcmpl-test", "choices": [{"delta": {"content": "Hel\n\n'
            yield "data: this is not json\n\n"
            return
        assert isinstance(entry, Stream)
        for n, chunk in enumerate(entry.chunks):
            if n == entry.cut_after:
                raise ConnectionAbortedError("scripted cut")
            if n == entry.hang_after:
                await self._release.wait()
            yield f"data: {json.dumps(chunk)}\n\n"
        yield "data: [DONE]\n\n"


@asynccontextmanager
async def openai_server() -> AsyncIterator[ScriptedServer]:
    scripted = ScriptedServer()
    app = Starlette(routes=[Route("/v1/chat/completions", scripted.completions, methods=["POST"])])
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    config = uvicorn.Config(app, log_config=None, access_log=False, lifespan="off")
    server = _Server(config)
    task = asyncio.create_task(server.serve(sockets=[listener]))
    await until(lambda: server.started or task.done())
    host, port = listener.getsockname()
    scripted.url = f"http://{host}:{port}/v1"
    try:
        yield scripted
    finally:
        scripted._release.set()
        server.should_exit = True
        await task
