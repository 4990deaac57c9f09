"""Driving a responder directly: a turn for a user, answers to its choices, its outputs."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field

from taskmate.chat.responder import (
    ChoiceAnswer,
    HistoryMessage,
    Output,
    Responder,
    Turn,
    TurnUser,
)


@dataclass
class Answers:
    """Answers the choices in order; ``None`` lets one expire."""

    options: list[str | None] = field(default_factory=list)

    async def choice(self) -> ChoiceAnswer:
        return ChoiceAnswer(item_id="choice", option=self.options.pop(0))


def message(content: str, *, position: int, role: str = "user", author: str = "") -> HistoryMessage:
    return HistoryMessage(
        item_id=str(uuid.uuid4()),
        position=position,
        role="user" if role == "user" else "assistant",
        status="completed",
        author_id=author or None,
        author_name=None,
        content=content,
    )


def turn(
    user_id: str,
    text: str,
    *,
    answers: Sequence[str | None] = (),
    title: str | None = "A title",
    history: Sequence[HistoryMessage] = (),
    earlier: Sequence[HistoryMessage] = (),
    timezone: str = "UTC",
) -> Turn:
    async def read_earlier(before: int, limit: int) -> Sequence[HistoryMessage]:
        return [m for m in earlier if m.position < before][-limit:]

    last = history[-1].position if history else 100
    return Turn(
        conversation_id=str(uuid.uuid4()),
        generation_id=str(uuid.uuid4()),
        message=message(text, position=last + 1, author=user_id),
        user=TurnUser(user_id=user_id, name="Ada", timezone=timezone),
        history=list(history),
        earlier=read_earlier,
        title=title,
        answers=Answers(list(answers)),
    )


async def outputs(responder: Responder, question: Turn) -> list[Output]:
    return [output async for output in responder.respond(question)]
