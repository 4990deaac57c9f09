"""The conversation the model sees is bounded by a token budget, not a message count."""

from __future__ import annotations

from pydantic_ai.messages import ModelRequest, ModelResponse

from taskmate.assistant.llm.history import model_messages, recent
from tests.assistant.llm.turns import message, turn


async def test_messages_are_kept_newest_first_until_the_budget_is_spent() -> None:
    history = [message("x" * 400, position=n, author="u") for n in range(10, 20)]
    kept = await recent(turn("u", "now", history=history), budget=505)  # 101 tokens each
    assert [m.position for m in kept] == [15, 16, 17, 18, 19]


async def test_short_messages_reach_back_past_the_turns_history() -> None:
    earlier = [message(f"old {n}", position=n, author="u") for n in range(0, 10)]
    history = [message(f"new {n}", position=n, author="u") for n in range(10, 12)]
    kept = await recent(turn("u", "now", history=history, earlier=earlier), budget=1000)
    assert [m.position for m in kept] == list(range(12))


def test_the_model_sees_roles_and_other_peoples_names() -> None:
    messages = [
        message("hello", position=1, role="assistant"),
        message("add milk", position=2, author="me"),
        message("Added.", position=3, role="assistant"),
        message("and eggs", position=4, author="someone"),
    ]
    converted = model_messages(messages, user_id="me")
    assert [type(m) for m in converted] == [ModelRequest, ModelResponse, ModelRequest]
    assert "Someone else: and eggs" in repr(converted[-1])
