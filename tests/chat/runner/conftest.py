"""The runner's tests send as fast as they like."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    return {"rate_messages_per_minute": 0}
