"""What the assistant says when no tool runs: to greetings, thanks, requests for help, and to
messages it does not understand (with examples of what it does understand)."""

from __future__ import annotations

from taskmate.assistant.interpreter.intents import Chat, ChatTopic, Help, Interpretation, Unknown

EXAMPLES: tuple[str, ...] = (
    "add buy milk tomorrow 5pm",
    "add milk, eggs and bread to groceries",
    "remind me to call mom every sunday at 6pm",
    "what's due this week?",
    "mark the dentist one as done",
    "move it to friday",
    "delete task #3",
    "what lists do I have?",
)
_CHAT: dict[ChatTopic, str] = {
    "greeting": "Hi! What can I do for you? For example: “{0}” or “{1}”.",
    "thanks": "You're welcome!",
    "farewell": "Bye! Your tasks will be here when you're back.",
    "wellbeing": "All good here, thanks! Anything to add or look up? Try “{3}”.",
    "identity": (
        "I'm Taskmate's assistant. I add, find, change and complete your tasks and lists: "
        "try “{0}”."
    ),
    "praise": "Glad to help!",
    "ok": "Okay.",
}


def _quoted(examples: tuple[str, ...]) -> str:
    return "\n".join(f"- “{example}”" for example in examples)


def reply_text(interpretation: Interpretation) -> str | None:
    """The reply for chat, help and unknown; None when a tool acts instead."""
    args = interpretation.args
    if isinstance(args, Chat):
        return _CHAT[args.topic].format(*EXAMPLES)
    if isinstance(args, Help):
        return (
            "I manage your tasks and lists. You can say things like:\n"
            + _quoted(EXAMPLES)
            + "\nDates can be loose: “tomorrow 5pm”, “next friday”, “every weekday at 9”."
        )
    if isinstance(args, Unknown):
        return "Sorry, I can't help with that: I look after your tasks and lists. Try:\n" + _quoted(
            (EXAMPLES[0], EXAMPLES[1], EXAMPLES[3], EXAMPLES[4])
        )
    return None
