"""A typed async client for a Taskmate server: REST over httpx and the live socket over
websockets. It imports nothing of the server, so scripts and the terminal start fast."""

from taskmate.client.errors import Disconnected, TaskmateError
from taskmate.client.live import Live
from taskmate.client.models import (
    Conversation,
    Item,
    ItemPage,
    Project,
    Sent,
    SignedIn,
    Task,
    User,
)
from taskmate.client.session import Taskmate
from taskmate.client.transcript import Gap, Transcript

__all__ = [
    "Conversation",
    "Disconnected",
    "Gap",
    "Item",
    "ItemPage",
    "Live",
    "Project",
    "Sent",
    "SignedIn",
    "Task",
    "Taskmate",
    "TaskmateError",
    "Transcript",
    "User",
]
