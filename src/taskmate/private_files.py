"""Files only the account running Taskmate may read: the data directory (mode 0700), the
database and the generated secret key (0600). Modes are set when the file is created, before
anything is written to it, so there is no moment at which another account could open it."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

DIRECTORY_MODE = 0o700
FILE_MODE = 0o600


def private_directory(path: Path) -> Path:
    """Creates the directory (and missing parents) if needed; a new one is private."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.mkdir(mode=DIRECTORY_MODE, exist_ok=True)
    return path


def private_file(path: Path) -> Path:
    """Creates an empty file that only its owner may read or write, unless it exists."""
    private_directory(path.parent)
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE))
    return path
