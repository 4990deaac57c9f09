"""What one model turn cost and how long it took: logged as one structured line without any
message content, through ``record_turn_usage`` (the place to attach metrics)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Literal

import structlog

logger = structlog.get_logger(__name__)

TurnOutcome = Literal["answered", "fallback", "failed", "stopped"]


@dataclass(frozen=True, kw_only=True, slots=True)
class TurnUsage:
    model: str
    outcome: TurnOutcome
    requests: int
    input_tokens: int
    output_tokens: int
    first_token_ms: float | None  # None: no text arrived
    total_ms: float


def record_turn_usage(usage: TurnUsage, *, conversation_id: str, generation_id: str) -> None:
    logger.info(
        "llm_turn",
        conversation_id=conversation_id,
        generation_id=generation_id,
        model=usage.model,
        outcome=usage.outcome,
        requests=usage.requests,
        input_tokens=usage.input_tokens,
        output_tokens=usage.output_tokens,
        first_token_ms=usage.first_token_ms,
        total_ms=usage.total_ms,
    )


class Stopwatch:
    """Milliseconds since the turn started, and when its first text arrived."""

    def __init__(self) -> None:
        self._start = time.monotonic()
        self.first_token_ms: float | None = None

    def elapsed_ms(self) -> float:
        return round((time.monotonic() - self._start) * 1000, 1)

    def text_arrived(self) -> None:
        if self.first_token_ms is None:
            self.first_token_ms = self.elapsed_ms()
