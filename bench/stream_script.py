"""The text the streaming benchmarks play: tokens that carry their own emission time.

A client asks for a stream with the message ``stream <tokens> <delay_us>``. Token ``k`` is
``"<k>@<due_us> "``, where ``due_us`` (wall-clock microseconds, shared by the processes of one
machine) is when the server schedules it: the first token's time plus ``k`` delays. So a
client knows, for every character it receives, when it was meant to leave the server, and can
rebuild the exact text it should have received from the first token alone.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

_TOKEN = re.compile(r"(\d+)@(\d+) ")


def now_us() -> int:
    return time.time_ns() // 1000


@dataclass(frozen=True, kw_only=True, slots=True)
class StreamPlan:
    tokens: int
    delay_us: int

    @property
    def request(self) -> str:
        return f"stream {self.tokens} {self.delay_us}"

    @classmethod
    def parse(cls, request: str) -> StreamPlan:
        word, tokens, delay_us = request.split()
        if word != "stream":
            raise ValueError(f"expected 'stream <tokens> <delay_us>', got {request!r}")
        return cls(tokens=int(tokens), delay_us=int(delay_us))

    def due_us(self, start_us: int, index: int) -> int:
        return start_us + index * self.delay_us

    def token(self, start_us: int, index: int) -> str:
        return f"{index}@{self.due_us(start_us, index)} "

    def text(self, start_us: int) -> str:
        return "".join(self.token(start_us, index) for index in range(self.tokens))


def token_due_times_us(text: str) -> list[int]:
    """The scheduled emission time of every whole token in ``text``."""
    return [int(match.group(2)) for match in _TOKEN.finditer(text)]
