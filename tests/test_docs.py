"""The user-facing docs list every setting there is, and no setting that is not."""

import re
from pathlib import Path

import pytest

from taskmate.config import Settings

ROOT = Path(__file__).parent.parent
VARIABLES = {f"TASKMATE_{name.upper()}" for name in Settings.model_fields}


@pytest.mark.parametrize("document", ["README.md", ".env.example"])
def test_every_setting_is_documented(document: str) -> None:
    mentioned = set(re.findall(r"TASKMATE_[A-Z_]+[A-Z]", (ROOT / document).read_text()))
    assert {name for name in mentioned if not name.startswith("TASKMATE_TEST_")} == VARIABLES
