"""The observability tests watch a real chat: the app's own runner answers, timed for tests."""

from __future__ import annotations

import pytest

from taskmate.assistant.wiring import AssistantPolicy
from tests.chat.runner.harness import FAST


@pytest.fixture
def assistant_policy() -> AssistantPolicy:
    return AssistantPolicy(timing=FAST)
