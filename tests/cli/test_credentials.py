"""The stored sign-in is readable by its user only."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from taskmate.cli import credentials

STORED = credentials.Credentials(
    server="http://127.0.0.1:8000", token="secret", email="ada@example.com", timezone="UTC"
)


@pytest.fixture(autouse=True)
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    return tmp_path


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_token_file_is_0600_in_a_0700_directory(config_home: Path) -> None:
    path = credentials.save(STORED)
    assert path == config_home / "taskmate" / "credentials.json"
    assert (mode(path), mode(path.parent)) == (0o600, 0o700)
    assert credentials.load() == STORED


def test_loose_modes_left_by_someone_else_are_tightened(config_home: Path) -> None:
    directory = config_home / "taskmate"
    directory.mkdir(mode=0o755)
    (directory / "credentials.json").write_text("{}")
    (directory / "credentials.json").chmod(0o644)
    path = credentials.save(STORED)
    assert (mode(path), mode(directory)) == (0o600, 0o700)


def test_forgetting_removes_the_file() -> None:
    credentials.save(STORED)
    assert credentials.forget() is True
    assert credentials.load() is None
    assert credentials.forget() is False
