"""Asking before a delete: the question, its buttons, and what to say when it is declined.

The same words as the offline assistant's, so a delete reads alike whichever model asked.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from taskmate.assistant.tools import task_line
from taskmate.assistant.typed_answers import typed_answers
from taskmate.chat.responder import Choice, ChoiceAnswer, ChoiceOption

CONFIRM = ChoiceOption(id="confirm", label="Delete", style="danger")
CANCEL = ChoiceOption(id="cancel", label="Keep")


def delete_tasks_question(tasks: Sequence[dict[str, Any]]) -> str:
    count = f"{len(tasks)} task{'s' if len(tasks) > 1 else ''}"
    return f"Delete {count}: {', '.join(task_line(task) for task in tasks)}?"


def delete_project_question(name: str) -> str:
    return f"Delete the list “{name}”? Its tasks move to the inbox."


def confirmation(question: str) -> Choice:
    options = [CONFIRM, CANCEL]
    return Choice(text=question, options=options, reads=typed_answers(options))


def declined(answer: ChoiceAnswer) -> str | None:
    """None when the user confirmed; otherwise what to tell them."""
    if answer.option == CONFIRM.id:
        return None
    if answer.expired:
        return "That question expired, so I deleted nothing."
    return "Okay, I deleted nothing."
