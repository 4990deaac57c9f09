"""A title for a new conversation, proposed by the model from its first exchange; the first
message, shortened, when the model gives none."""

from __future__ import annotations

import structlog
from pydantic_ai import Agent
from pydantic_ai.models import Model
from pydantic_ai.settings import ModelSettings

logger = structlog.get_logger(__name__)

MAX_TITLE = 60

TITLE_INSTRUCTIONS = (
    "Give a title of at most six words for the conversation below. Answer with the title "
    "only, without quotes or a final period."
)


def first_words(question: str) -> str:
    """The heuristic: the first message on one line, cut at a word within ``MAX_TITLE``."""
    line = " ".join(question.split())
    if len(line) > MAX_TITLE:
        line = (line[: MAX_TITLE - 1].rsplit(" ", 1)[0] or line[: MAX_TITLE - 1]) + "…"
    return line[:1].upper() + line[1:]


class Titler:
    def __init__(self, model: Model, settings: ModelSettings) -> None:
        self._agent = Agent(model, instructions=TITLE_INSTRUCTIONS, model_settings=settings)

    async def title(self, question: str, answer: str, *, ask_model: bool = True) -> str:
        """``ask_model`` False: the model just failed, so the heuristic answers at once."""
        if not ask_model:
            return first_words(question)
        try:
            result = await self._agent.run(f"User: {question}\nAssistant: {answer[:1000]}")
            proposed = " ".join(result.output.split()).strip("\"'“”. ")
        except Exception as error:  # the model is optional here: any failure means the heuristic
            logger.warning("llm_title_failed", error=type(error).__name__)
            proposed = ""
        if not proposed or len(proposed) > MAX_TITLE:
            return first_words(question)
        return proposed[:1].upper() + proposed[1:]
