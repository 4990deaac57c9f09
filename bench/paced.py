"""The benchmarks' responder: plays the stream a message asks for (``bench.stream_script``),
each token at its scheduled time, as a model streaming at a steady rate would."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

from bench.stream_script import StreamPlan, now_us
from taskmate.chat.responder import Output, TextDelta, Turn


class PacedResponder:
    async def respond(self, turn: Turn) -> AsyncIterator[Output]:
        plan = StreamPlan.parse(turn.message.content)
        start_us = now_us()
        for index in range(plan.tokens):
            wait_us = plan.due_us(start_us, index) - now_us()
            if wait_us > 0:
                await asyncio.sleep(wait_us / 1e6)
            yield TextDelta(text=plan.token(start_us, index))
