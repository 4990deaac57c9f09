"""The LLM adapter's unit tests: no real model may be called (pydantic-ai's own guard)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pydantic_ai import models

from taskmate.api.runtime import Runtime
from taskmate.assistant.llm.responder import LlmResponder
from taskmate.assistant.tools import TaskTools
from tests.assistant.llm.scripted_model import ScriptedModel


@pytest.fixture
def no_model_requests() -> Iterator[None]:
    allowed = models.ALLOW_MODEL_REQUESTS
    models.ALLOW_MODEL_REQUESTS = False
    yield
    models.ALLOW_MODEL_REQUESTS = allowed


def llm_responder(runtime: Runtime, script: ScriptedModel) -> LlmResponder:
    tools = TaskTools(database=runtime.database, clock=runtime.clock, publisher=runtime.events)
    return LlmResponder(
        model=script.model,
        settings={},
        database=runtime.database,
        tools=tools,
        clock=runtime.clock,
        metrics=runtime.metrics,
    )
