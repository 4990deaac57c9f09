"""A transcript follows items and deltas the way the protocol says."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from taskmate.client import Gap, Item, Transcript

NOW = datetime(2026, 1, 15, tzinfo=UTC)


def message(*, seq: int, content: str, status: str = "streaming") -> Item:
    return Item(
        id="answer",
        conversation_id="c",
        type="message",
        role="assistant",
        status=status,
        seq=seq,
        position=2,
        content=content,
        created_at=NOW,
        updated_at=NOW,
    )


def test_deltas_extend_the_streaming_text_at_their_offset() -> None:
    transcript = Transcript()
    transcript.apply_item(message(seq=3, content="Hel"))
    transcript.apply_delta("answer", 3, "lo")
    transcript.apply_delta("answer", 5, " you")
    assert transcript.items["answer"].content == "Hello you"


def test_a_delta_past_the_known_text_is_a_gap() -> None:
    transcript = Transcript()
    transcript.apply_item(message(seq=3, content="Hel"))
    with pytest.raises(Gap):
        transcript.apply_delta("answer", 5, "you")


def test_a_checkpoint_never_shortens_text_the_deltas_carried_further() -> None:
    transcript = Transcript()
    transcript.apply_item(message(seq=3, content="Hel"))
    transcript.apply_delta("answer", 3, "lo you")
    transcript.apply_item(message(seq=4, content="Hello"))
    assert transcript.items["answer"].content == "Hello you"
    assert transcript.last_seq == 4


def test_the_completed_message_replaces_the_stream_and_older_states_are_ignored() -> None:
    transcript = Transcript()
    transcript.apply_item(message(seq=5, content="Hello you.", status="completed"))
    transcript.apply_item(message(seq=4, content="Hello"))
    transcript.apply_delta("answer", 5, " late")
    assert transcript.items["answer"].content == "Hello you."
    assert transcript.items["answer"].status == "completed"
