"""The latest messages of the conversations this instance answered, kept for their next turn.

The log stays the truth: an entry is used only when the log shows that nothing changed since
the answer that left it but the next question and its answer's start. Every change to a
conversation's items takes its next ``seq``, so that holds exactly when the question took
the entry's ``seq`` + 1 and the conversation's last ``seq`` is + 2 (the empty answer
appended right after it, as a send does when it starts the answer itself), and the question
stands right after the remembered messages: an item appended after an answer began (a
message that asked nothing of the assistant, a step of that answer) takes a position
without changing what ``seq`` shows at the end. Anything else (a
message edited, another participant's message, an answer from another instance, a question
queued behind other work) misses, and the turn reads its history from the database. Author
names are those read when the entry was made.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

from taskmate.chat.responder import HistoryMessage

DEFAULT_CONVERSATIONS = 1000


@dataclass(frozen=True, slots=True)
class _Latest:
    seq: int  # the conversation's last seq when these were its latest messages
    messages: tuple[HistoryMessage, ...]  # oldest first


class WarmHistory:
    def __init__(self, *, size: int, conversations: int = DEFAULT_CONVERSATIONS) -> None:
        self._size = size
        self._capacity = conversations
        self._latest: OrderedDict[str, _Latest] = OrderedDict()

    def remember(
        self, conversation_id: str, *, seq: int, messages: Sequence[HistoryMessage]
    ) -> None:
        """``messages`` were the conversation's latest (oldest first) when its last seq was
        ``seq``; the least recently answered conversation is forgotten past the capacity."""
        self._latest[conversation_id] = _Latest(seq, tuple(messages[-self._size :]))
        self._latest.move_to_end(conversation_id)
        if len(self._latest) > self._capacity:
            self._latest.popitem(last=False)

    def recall(
        self, conversation_id: str, *, question_seq: int, question_position: int, last_seq: int
    ) -> Sequence[HistoryMessage] | None:
        """The messages before a question, if nothing but it and its answer's start came
        after what was remembered; else None (and the entry is gone)."""
        latest = self._latest.pop(conversation_id, None)
        if (
            latest is None
            or not latest.messages
            or question_position != latest.messages[-1].position + 1
            or question_seq != latest.seq + 1
            or last_seq != latest.seq + 2
        ):
            return None
        return latest.messages
