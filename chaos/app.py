"""The app each chaos instance serves: the real app, whose assistant plays a scripted
answer of 60 tokens at 30 tokens/s, so that faults land while answers stream.

``python -m chaos.app`` serves it as ``taskmate serve`` does (the same uvicorn options and
``TaskmateServer``, so SIGTERM drains): settings from ``TASKMATE_*``, and each connection's
send queue from ``CHAOS_SEND_QUEUE_FRAMES`` (smaller than the default, so the slow client
overflows it within the short run)."""

from __future__ import annotations

import os

import uvicorn
from fastapi import FastAPI

from taskmate.api.runtime import LivePolicy
from taskmate.app import create_app
from taskmate.assistant.wiring import AssistantPolicy
from taskmate.chat.scripted import ScriptedResponder, text_deltas
from taskmate.config import Settings
from taskmate.server import TaskmateServer, server_options

SEND_QUEUE_ENV = "CHAOS_SEND_QUEUE_FRAMES"
TOKENS_PER_SECOND = 30
ANSWER = " ".join(f"word{index:02d}" for index in range(60))


def create_chaos_app() -> FastAPI:
    responder = ScriptedResponder(text_deltas(ANSWER), delay=1 / TOKENS_PER_SECOND)
    live = LivePolicy(send_queue_frames=int(os.environ.get(SEND_QUEUE_ENV, "256")))
    return create_app(Settings(), live=live, assistant=AssistantPolicy(responder=responder))


def main() -> None:
    options = server_options(Settings()) | {"factory": True, "env_file": None}
    TaskmateServer(uvicorn.Config("chaos.app:create_chaos_app", **options)).run()


if __name__ == "__main__":
    main()
