"""Taskmate: a self-hosted task manager with a real-time AI assistant."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("taskmate")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"
