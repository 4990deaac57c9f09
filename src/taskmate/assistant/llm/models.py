"""The model ``TASKMATE_LLM`` names, with its key, base URL, timeout and retries.

``openai:<model>`` is OpenAI's Chat Completions API (``OpenAIChatModel``), which every
OpenAI-compatible server speaks (Ollama, vLLM, llama.cpp, LM Studio), at
``TASKMATE_LLM_BASE_URL`` when set; ``openai-responses:<model>`` is OpenAI's Responses API.
Keys come from ``TASKMATE_LLM_API_KEY`` or each provider's usual variable.
"""

from __future__ import annotations

from pydantic_ai.exceptions import UserError
from pydantic_ai.models import Model
from pydantic_ai.settings import ModelSettings

from taskmate.config import Settings, SettingsError

KEY_VARIABLES = {
    "openai": "OPENAI_API_KEY",
    "openai-responses": "OPENAI_API_KEY",
    "anthropic": "ANTHROPIC_API_KEY",
    "google": "GOOGLE_API_KEY",
}


def build_model(settings: Settings) -> Model:
    """The configured model; a ``SettingsError`` naming the variables when it cannot work.
    Each provider's SDK is imported only when it is the one configured (they are slow)."""
    provider, _, name = settings.llm.partition(":")
    key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else None
    try:
        if provider in ("openai", "openai-responses"):
            from pydantic_ai.models.openai import OpenAIChatModel, OpenAIResponsesModel
            from pydantic_ai.providers.openai import OpenAIProvider

            api = OpenAIChatModel if provider == "openai" else OpenAIResponsesModel
            return api(name, provider=OpenAIProvider(base_url=settings.llm_base_url, api_key=key))
        if provider == "anthropic":
            from pydantic_ai.models.anthropic import AnthropicModel
            from pydantic_ai.providers.anthropic import AnthropicProvider

            return AnthropicModel(name, provider=AnthropicProvider(api_key=key))
        if provider == "google":
            from pydantic_ai.models.google import GoogleModel
            from pydantic_ai.providers.google import GoogleProvider

            return GoogleModel(name, provider=GoogleProvider(api_key=key))
    except UserError:
        raise SettingsError(
            f"TASKMATE_LLM={settings.llm} needs an API key: set TASKMATE_LLM_API_KEY or "
            f"{KEY_VARIABLES[provider]}."
        ) from None
    raise SettingsError(
        f"TASKMATE_LLM={settings.llm!r} is not a model this server can use: use offline, "
        "openai:<model>, openai-responses:<model>, anthropic:<model> or google:<model>."
    )


def model_settings(settings: Settings) -> ModelSettings:
    """Per request: the provider client's timeout (per chunk once streaming) and its retries
    with exponential backoff, and a deadline for the first streamed output."""
    return ModelSettings(
        timeout=settings.llm_timeout,
        first_event_timeout=settings.llm_timeout,
        max_retries=settings.llm_retries,
    )
