"""The clock the interpreter's tests read dates against: Thursday 2026-01-15, 10:00 UTC."""

from datetime import UTC, datetime

from taskmate.assistant.interpreter import Args, interpret

NOW = datetime(2026, 1, 15, 10, 0, tzinfo=UTC)


def read(text: str) -> Args:
    return interpret(text, now=NOW).args
