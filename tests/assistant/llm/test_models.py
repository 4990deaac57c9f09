"""``TASKMATE_LLM`` picks the model; what cannot work is a startup error naming variables."""

from __future__ import annotations

import pytest
from pydantic_ai.models.anthropic import AnthropicModel
from pydantic_ai.models.google import GoogleModel
from pydantic_ai.models.openai import OpenAIChatModel, OpenAIResponsesModel

from taskmate.assistant.llm.models import build_model
from taskmate.config import Settings, SettingsError


@pytest.mark.parametrize(
    ("llm", "kind"),
    [
        ("openai:llama3.2", OpenAIChatModel),
        ("openai-responses:gpt-5", OpenAIResponsesModel),
        ("anthropic:claude-sonnet-4-5", AnthropicModel),
        ("google:gemini-2.5-flash", GoogleModel),
    ],
)
def test_each_provider_prefix_maps_to_its_model(llm: str, kind: type) -> None:
    model = build_model(Settings(llm=llm, llm_api_key="key", llm_base_url=None))
    assert isinstance(model, kind) and model.model_name == llm.partition(":")[2]


def test_openai_means_chat_completions_at_the_configured_base_url() -> None:
    model = build_model(Settings(llm="openai:qwen", llm_base_url="http://127.0.0.1:11434/v1"))
    assert isinstance(model, OpenAIChatModel)
    assert model.base_url.startswith("http://127.0.0.1:11434/v1")


def test_a_missing_key_names_the_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    with pytest.raises(SettingsError, match="TASKMATE_LLM_API_KEY or ANTHROPIC_API_KEY"):
        build_model(Settings(llm="anthropic:claude-sonnet-4-5"))


def test_an_unknown_provider_says_what_is_accepted() -> None:
    with pytest.raises(ValueError, match="openai, openai-responses, anthropic, google"):
        Settings(llm="mistral:large")
