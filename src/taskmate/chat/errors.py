"""The chat engine's failures, worded once (every transport sends the same ones)."""

from __future__ import annotations

from taskmate.errors import ConversationFinalized, Forbidden, NotFound


def conversation_not_found() -> NotFound:
    return NotFound(
        "No such conversation was found among yours; it was deleted, or it is not shared with you."
    )


def item_not_found(what: str = "item") -> NotFound:
    return NotFound(f"No such {what} was found in this conversation.")


def conversation_finalized() -> ConversationFinalized:
    return ConversationFinalized(
        "This conversation is finalized and accepts no more changes; start a new "
        "conversation to continue."
    )


def owner_only(action: str) -> Forbidden:
    return Forbidden(f"Only the conversation's owner can {action}.")
