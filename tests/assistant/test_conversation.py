"""Greetings, thanks, help and the unknown: what the assistant answers without a tool."""

import pytest

from taskmate.assistant.interpreter import (
    CAPABILITIES,
    EXAMPLES,
    INTENTS,
    Chat,
    Help,
    NewTask,
    Unknown,
    interpret,
    reply_text,
)
from taskmate.assistant.interpreter.intents import ChatTopic
from taskmate.tasks.dates import parse_due
from tests.assistant.helpers import NOW, read


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("hi", "greeting"),
        ("Hey Olly!", "greeting"),
        ("good evening", "greeting"),
        ("thanks", "thanks"),
        ("ok thanks", "thanks"),
        ("Thank you very much!", "thanks"),
        ("cheers mate", "thanks"),
        ("goodbye", "farewell"),
        ("how's it going", "wellbeing"),
        ("what's your name?", "identity"),
        ("are you a robot", "identity"),
        ("great job", "praise"),
        ("ok", "ok"),
    ],
)
def test_chat_topics(text: str, topic: ChatTopic) -> None:
    assert read(text) == Chat(topic=topic)


@pytest.mark.parametrize(
    "text",
    ["help", "what can you do?", "How does this work?", "show me some examples", "help me"],
)
def test_help(text: str) -> None:
    assert read(text) == Help()


def test_a_greeting_before_a_command_is_skipped() -> None:
    assert interpret("hi, remind me to call mom", now=NOW).intent == "add_tasks"


def test_replies() -> None:
    help_text = reply_text(interpret("what can you do", now=NOW))
    assert help_text is not None
    assert all(capability in help_text for capability, _ in CAPABILITIES)
    assert all(example in help_text for example in EXAMPLES)
    unknown = reply_text(interpret("play some jazz", now=NOW))
    assert unknown is not None
    assert unknown.startswith("Sorry")
    assert sum(example in unknown for example in EXAMPLES) == len(CAPABILITIES)
    assert reply_text(interpret("thanks", now=NOW)) == "You're welcome!"
    greeting = reply_text(interpret("hello", now=NOW))
    assert greeting is not None
    assert EXAMPLES[0] in greeting


def test_actions_have_no_reply_text() -> None:
    assert reply_text(interpret("buy milk tomorrow", now=NOW)) is None


@pytest.mark.parametrize(
    "text",
    [
        "what's the weather",
        "play some jazz",
        "order a pizza",
        "turn off the lights",
        "tell me a joke",
        "how tall is the eiffel tower",
        "translate hello into spanish",
    ],
)
def test_unrelated_requests_do_nothing(text: str) -> None:
    assert isinstance(read(text), Unknown)


def test_a_request_for_another_service_that_is_an_errand_is_offered_as_a_task() -> None:
    assert read("book a hotel in Paris for friday") == Unknown(
        offer=NewTask(title="Book a hotel in Paris", due=parse_due("friday", now=NOW))
    )
    assert read("what's the weather in Paris") == Unknown()


def test_the_examples_offered_cover_every_tool() -> None:
    intents = [interpret(example, now=NOW).intent for example in EXAMPLES]
    assert set(intents) == set(INTENTS) - {"chat", "help", "unknown"}
