"""What a turn says when the model cannot be used, in words for people, and the retry choice."""

from __future__ import annotations

from pydantic_ai.exceptions import ModelConnectionError, ModelHTTPError, ModelRequestTimeout

from taskmate.chat.responder import Choice, ChoiceOption

RETRY = ChoiceOption(id="retry", label="Try again", style="primary")
GIVE_UP = ChoiceOption(id="cancel", label="Never mind")


def kind(error: Exception) -> str:
    """A short fixed name for what went wrong (a metrics label)."""
    if isinstance(error, ModelRequestTimeout | TimeoutError):
        return "timeout"
    if isinstance(error, ModelHTTPError):
        return "http_error"
    if isinstance(error, ModelConnectionError):
        return "connection"
    return "unreadable"


_REASONS = {
    "timeout": "it took too long to answer",
    "connection": "the connection to it failed",
    "unreadable": "its answer could not be read",
}


def reason(error: Exception) -> str:
    if isinstance(error, ModelHTTPError):
        return f"it answered with an error (HTTP {error.status_code})"
    return _REASONS[kind(error)]


def failed_message(error: Exception, *, changed: bool) -> str:
    tasks = "What I changed before that stays done." if changed else "Nothing was changed."
    return f"Sorry, I couldn't finish: the language model failed ({reason(error)}). {tasks}"


def retry_choice() -> Choice:
    return Choice(text="Try again?", options=[RETRY, GIVE_UP])
