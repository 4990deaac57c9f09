"""The ``taskmate`` command."""

from taskmate.cli.app import app, main

__all__ = ["app", "main"]
