"""Asking before a delete: the question, its buttons, and what to say when it is declined.

The same words as the offline assistant's, so a delete reads alike whichever model asked. The
question says what will happen and that it can be undone: "Delete “Dentist appointment”
(tomorrow at 3 PM)? You can undo this for 10 minutes."
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from taskmate.assistant.typed_answers import typed_answers
from taskmate.assistant.wording.phrases import Wording, counted
from taskmate.chat.responder import Choice, ChoiceAnswer, ChoiceOption

CONFIRM = ChoiceOption(id="confirm", label="Delete", style="danger")
CANCEL = ChoiceOption(id="cancel", label="Keep")
UNDO_WINDOW = timedelta(minutes=10)
UNDOABLE = f"You can undo this for {UNDO_WINDOW.seconds // 60} minutes."


def delete_tasks_question(tasks: Sequence[dict[str, Any]], words: Wording) -> str:
    if len(tasks) == 1:
        state = words.state(tasks[0])
        return f"Delete {words.quoted(tasks[0])}{f' ({state})' if state else ''}? {UNDOABLE}"
    return f"Delete {len(tasks)} tasks: {words.titles(list(tasks))}? {UNDOABLE}"


def delete_project_question(name: str, open_tasks: int) -> str:
    if open_tasks == 0:
        moved = "It has no open tasks."
    elif open_tasks == 1:
        moved = "Its open task moves to your inbox."
    else:
        moved = f"Its {counted(open_tasks, 'open task')} move to your inbox."
    return f"Delete the list “{name}”? {moved} {UNDOABLE}"


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
