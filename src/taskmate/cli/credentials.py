"""Where ``taskmate login`` keeps the server and token: ``credentials.json`` in the user's
config directory (platformdirs: ``$XDG_CONFIG_HOME/taskmate`` on Linux), the directory
0700 and the file 0600, both checked on every write, since the token acts as the user."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from platformdirs import user_config_path

FILE_NAME = "credentials.json"
DIRECTORY_MODE = 0o700
FILE_MODE = 0o600


@dataclass(frozen=True, kw_only=True)
class Credentials:
    server: str
    token: str
    email: str
    timezone: str


def credentials_path() -> Path:
    return user_config_path("taskmate") / FILE_NAME


def save(credentials: Credentials) -> Path:
    """Writes the credentials where only the user can read them; returns the file."""
    path = credentials_path()
    path.parent.mkdir(parents=True, exist_ok=True, mode=DIRECTORY_MODE)
    path.parent.chmod(DIRECTORY_MODE)  # mkdir leaves an existing directory's mode alone
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    os.fchmod(descriptor, FILE_MODE)  # an older file keeps its mode through O_CREAT
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        json.dump(asdict(credentials), file)
    return path


def load() -> Credentials | None:
    try:
        stored = json.loads(credentials_path().read_text(encoding="utf-8"))
        return Credentials(**stored)
    except (OSError, ValueError, TypeError):
        return None


def forget() -> bool:
    """Deletes the credentials; whether there were any."""
    try:
        credentials_path().unlink()
    except FileNotFoundError:
        return False
    return True
