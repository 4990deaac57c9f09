"""``python -m bench.chat_app``: the app as ``taskmate serve`` runs it (same uvicorn options),
answering with ``PacedResponder`` instead of the offline assistant. Settings come from the
``TASKMATE_*`` variables as usual; the database must be migrated."""

from __future__ import annotations

import uvicorn
from fastapi import FastAPI

from bench.paced import PacedResponder
from taskmate.app import create_app
from taskmate.assistant.wiring import AssistantPolicy
from taskmate.config import load_settings
from taskmate.server import server_options


def create() -> FastAPI:
    return create_app(assistant=AssistantPolicy(responder=PacedResponder()))


def main() -> None:
    uvicorn.run(
        "bench.chat_app:create", factory=True, env_file=None, **server_options(load_settings())
    )


if __name__ == "__main__":
    main()
