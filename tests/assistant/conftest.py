"""The assistant's tests run the app's own generation runner, timed for tests."""

from __future__ import annotations

from typing import Any

import pytest

from taskmate.assistant.wiring import AssistantPolicy
from tests.chat.runner.harness import FAST


@pytest.fixture
def assistant_policy() -> AssistantPolicy:
    return AssistantPolicy(timing=FAST)


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    return {"rate_messages_per_minute": 0}
