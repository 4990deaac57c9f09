"""What the assistant says when no tool runs: to greetings, thanks, requests for help, and to
messages it does not understand (with examples of what it does understand)."""

from __future__ import annotations

from taskmate.assistant.interpreter.intents import Chat, ChatTopic, Help, Interpretation, Unknown

# What the assistant does, each with examples of saying it.
CAPABILITIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Add tasks, with dates, repeats and lists",
        (
            "add buy milk tomorrow 5pm",
            "add milk, eggs and bread to groceries",
            "remind me to call mom every sunday at 6pm",
        ),
    ),
    ("Find them", ("what's due this week?", "show my overdue tasks")),
    (
        "Remind you",
        (
            "remind me to stretch in 2 minutes",
            "remind me 30 minutes before",
            "what reminders do I have?",
            "snooze that for an hour",
        ),
    ),
    (
        "Change them",
        ("move it to friday", "rename the second one to call the bank", "make #2 high priority"),
    ),
    ("Complete or reopen them", ("mark the dentist one as done", "reopen #3")),
    ("Delete them (I ask first)", ("delete task #3",)),
    ("Take back my last change", ("undo that",)),
    (
        "Manage your lists",
        (
            "what lists do I have?",
            "create a list called holidays",
            "rename the groceries list to shopping",
            "make the work list blue",
            "archive the work list",
            "delete the old list",
        ),
    ),
)
EXAMPLES: tuple[str, ...] = tuple(example for _, examples in CAPABILITIES for example in examples)
# One example of each capability, for a request the assistant did not understand.
_FIRST_EXAMPLES = tuple(examples[0] for _, examples in CAPABILITIES)
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
    "other": "I'm best at your tasks and lists. Try “{0}” or “{3}”.",
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
            + "\n".join(
                f"{capability}:\n{_quoted(examples)}" for capability, examples in CAPABILITIES
            )
            + "\nDates can be loose: “tomorrow 5pm”, “next friday”, “every weekday at 9”."
            + " Any change I make can be undone for 10 minutes."
        )
    if isinstance(args, Unknown):
        return (
            "Sorry, I can't help with that: I look after your tasks and lists. For example:\n"
            + _quoted(_FIRST_EXAMPLES)
        )
    return None
