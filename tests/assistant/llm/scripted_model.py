"""A pydantic-ai ``FunctionModel`` that plays a script of replies, one per model request, and
remembers what each request showed the model. Title requests get ``title``."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic_ai.messages import ModelMessage, ModelResponse, TextPart
from pydantic_ai.models.function import AgentInfo, DeltaToolCall, DeltaToolCalls, FunctionModel

from taskmate.assistant.llm.titles import TITLE_INSTRUCTIONS


@dataclass(frozen=True)
class Call:
    name: str
    args: dict[str, Any]


Reply = str | Sequence[Call] | Exception


class ScriptedModel:
    def __init__(self, *replies: Reply, title: str = "Scripted title") -> None:
        self._replies = list(replies)
        self._title = title
        self.seen: list[list[ModelMessage]] = []
        self.instructions: list[str] = []
        self.model = FunctionModel(self._complete, stream_function=self._stream)

    def _complete(self, _messages: list[ModelMessage], info: AgentInfo) -> ModelResponse:
        assert TITLE_INSTRUCTIONS in (info.instructions or "")
        return ModelResponse(parts=[TextPart(content=self._title)])

    async def _stream(
        self, messages: list[ModelMessage], info: AgentInfo
    ) -> AsyncIterator[str | DeltaToolCalls]:
        self.seen.append(messages)
        self.instructions.append(info.instructions or "")
        reply = self._replies.pop(0) if self._replies else "Done."
        if isinstance(reply, Exception):
            raise reply
        if isinstance(reply, str):
            for word in reply.split(" "):
                yield word + " "
            return
        for index, call in enumerate(reply):
            yield {
                index: DeltaToolCall(
                    name=call.name, json_args=json.dumps(call.args), tool_call_id=f"call-{index}"
                )
            }

    def tool_results(self) -> str:
        """Everything the tools told the model, as one text."""
        return "\n".join(repr(message) for message in self.seen[-1]) if self.seen else ""
