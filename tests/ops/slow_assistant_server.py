"""``taskmate serve`` as it runs in production (``TaskmateServer``, signals and all), with a
scripted assistant that answers slowly, so a test can stop the server mid-answer:

    python -m tests.ops.slow_assistant_server --port 8123 --words 30 --delay 0.1
"""

from __future__ import annotations

import argparse
import sys

import uvicorn

from taskmate.app import create_app
from taskmate.assistant.wiring import AssistantPolicy
from taskmate.chat.scripted import ScriptedResponder, text_deltas
from taskmate.config import load_settings
from taskmate.server import TaskmateServer, server_options
from taskmate.supervisor import STARTUP_FAILURE


def answer(words: int) -> str:
    return " ".join(f"word{number}" for number in range(words))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--words", type=int, required=True)
    parser.add_argument("--delay", type=float, required=True, help="seconds between words")
    arguments = parser.parse_args()
    settings = load_settings(port=arguments.port)
    responder = ScriptedResponder(text_deltas(answer(arguments.words)), delay=arguments.delay)
    app = create_app(settings, assistant=AssistantPolicy(responder=responder))
    server = TaskmateServer(uvicorn.Config(app, **server_options(settings)))
    server.run()
    if not server.started:
        sys.exit(STARTUP_FAILURE)


if __name__ == "__main__":
    main()
