"""Structured logs: readable in development, JSON in production (``TASKMATE_ENV``).

The ids of the request, live connection, user, conversation and generation are bound as
context variables where they become known (``structlog.contextvars``), so every line logged
while serving them carries them. uvicorn's own loggers (access, errors) go through the same
renderer: ``server_options`` leaves logging to this module. Message content and secrets are
never logged at info level.
"""

from __future__ import annotations

import logging
import sys
from typing import TextIO

import structlog

from taskmate.config import Settings

SHARED_PROCESSORS: list[structlog.typing.Processor] = [
    structlog.contextvars.merge_contextvars,
    structlog.processors.add_log_level,
    structlog.processors.TimeStamper(fmt="iso", utc=True),
]


class _Handler(logging.StreamHandler):  # type: ignore[type-arg]
    """The root handler this module installs (replaced when configured again). It writes to
    whatever ``sys.stderr`` is at the time, as test runners swap it."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, _value: TextIO) -> None:
        pass


def configure_logging(settings: Settings) -> None:
    """Everything goes through the standard library's root logger, rendered by one
    formatter: our structlog events and the lines of uvicorn and other libraries alike."""
    level = getattr(logging, settings.log_level.upper())
    renderer: structlog.typing.Processor = (
        structlog.processors.JSONRenderer()
        if settings.env == "production"
        else structlog.dev.ConsoleRenderer(colors=False)
    )
    structlog.configure(
        processors=[*SHARED_PROCESSORS, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        wrapper_class=structlog.make_filtering_bound_logger(level),
        logger_factory=structlog.stdlib.LoggerFactory(),
        cache_logger_on_first_use=False,
    )
    handler = _Handler()
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            foreign_pre_chain=SHARED_PROCESSORS,
            processors=[
                structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                structlog.processors.format_exc_info,
                renderer,
            ],
        )
    )
    root = logging.getLogger()
    for existing in [h for h in root.handlers if isinstance(h, _Handler)]:
        root.removeHandler(existing)
    root.addHandler(handler)
    root.setLevel(level)
