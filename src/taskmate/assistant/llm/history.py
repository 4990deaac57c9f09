"""The conversation the model sees: the latest messages that fit a token budget (estimated as
characters / 4), read further back through ``turn.earlier`` when the turn's history is not
enough, and turned into pydantic-ai messages."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic_ai.messages import ModelMessage, ModelRequest, ModelResponse, TextPart, UserPromptPart

from taskmate.chat.responder import HistoryMessage, Turn

TOKEN_BUDGET = 3000
EARLIER_PAGE = 50


def estimated_tokens(text: str) -> int:
    return len(text) // 4 + 1


async def recent(turn: Turn, budget: int = TOKEN_BUDGET) -> list[HistoryMessage]:
    """The newest messages before the turn's whose estimated tokens sum within ``budget``,
    oldest first; it stops at the first message that does not fit, so nothing is skipped."""
    kept: list[HistoryMessage] = []
    used = 0
    page: Sequence[HistoryMessage] = turn.history
    while page:
        for message in reversed(page):
            if not message.content or message.role == "system":
                continue
            used += estimated_tokens(message.content)
            if used > budget:
                return kept[::-1]
            kept.append(message)
        page = await turn.earlier(page[0].position, EARLIER_PAGE)
    return kept[::-1]


def model_messages(messages: Sequence[HistoryMessage], *, user_id: str) -> list[ModelMessage]:
    """Other participants' messages carry their name; the list starts with a user's message."""
    converted: list[ModelMessage] = []
    for message in messages:
        if message.role == "assistant":
            if converted:
                converted.append(ModelResponse(parts=[TextPart(content=message.content)]))
            continue
        text = message.content
        if message.author_id != user_id:
            text = f"{message.author_name or 'Someone else'}: {text}"
        converted.append(ModelRequest(parts=[UserPromptPart(content=text)]))
    return converted
