"""Messages that ask for no action: greetings, thanks, small talk, and requests for help."""

from __future__ import annotations

import re

from taskmate.assistant.interpreter.intents import Chat, ChatTopic, Help, Undo

_TOPICS: list[tuple[ChatTopic, re.Pattern[str]]] = [
    (
        "thanks",
        re.compile(
            r"^(?:(?:ok|okay|great|perfect|awesome|cool|nice) )?(?:thanks?|thank you|thx|ty"
            r"|cheers|many thanks|much appreciated|appreciate it)"
            r"(?: (?:so much|a lot|very much|again|a bunch|buddy|mate))?$"
        ),
    ),
    (
        "farewell",
        re.compile(
            r"^(?:bye|goodbye|good bye|bye bye|see you|see ya|later|cya|good night"
            r"|goodnight|talk to you later|that's all|that is all)(?: for now)?$"
        ),
    ),
    (
        "wellbeing",
        re.compile(
            r"^(?:how are you|how are you doing|how's it going|how is it going|how are"
            r"|how do you do|what's up|whats up|sup)(?: today)?$"
        ),
    ),
    (
        "identity",
        re.compile(
            r"^(?:who|what) are you$|^what(?:'s| is) your name$|^are you (?:a |an )?"
            r"(?:robot|bot|human|ai|person|real)$|^who (?:made|built|created) you$"
        ),
    ),
    (
        "praise",
        re.compile(
            r"^(?:(?:very )?(?:good|great|nice|awesome|perfect|excellent|amazing"
            r"|brilliant|wonderful)(?: (?:job|work|one))?|well done|you(?:'re| are)"
            r" (?:great|awesome|the best|amazing|helpful|so helpful|a star))$"
        ),
    ),
    (
        "ok",
        re.compile(
            r"^(?:ok|okay|k|alright|sure|got it|fine|yes|no|yep|nope|yeah|nah|cool"
            r"|noted|understood|i see|never mind|nevermind|nothing)$"
        ),
    ),
]
_HELP = re.compile(
    r"^(?:help|help me|i need help|\?+|what can you do|what do you do|what are you able to do"
    r"|what can i (?:say|ask|do|ask you)|how does (?:this|it) work|how do i use (?:this|you|it)"
    r"|how (?:do|can) you help(?: me)?|how can you help(?: me)?|what can you help(?: me)? with"
    r"|what are your (?:features|commands|skills|abilities)|(?:show me )?(?:some )?examples?"
    r"|commands|menu|options)(?: (?:for me|here|exactly|again|please))?$"
    r"|^how (?:do|can|should) i (?:add|create|make|delete|remove|complete|finish|use|see|find"
    r"|list|change|edit|mark|rename|move|reschedule|search|set)(?: (?:a|an|the|my|new|up))*"
    r" (?:tasks?|lists?|projects?|reminders?|due dates?|dates?|labels?|priorit(?:y|ies)|things?"
    r"|items?|you|this|it|recurring)\b"
)

_UNDO = re.compile(
    r"^(?:(?:oops|whoops|oh no|my bad|wait)[ ,!.]*)*(?:undo|revert|reverse|roll back|rollback"
    r"|take back|cancel|scrap)?(?: (?:that|it|this|what you (?:just )?did|the last (?:change|one"
    r"|thing|action)|my last (?:change|request)|your last (?:change|action)))?(?: back)?"
    r"(?: (?:please|pls))?$|^(?:oops|whoops)\b"
)


def conversational(command: str, *, greeted: bool) -> Chat | Help | Undo | None:
    """``command`` lowercased, fillers removed; ``greeted`` when a greeting was removed."""
    if not command:
        return Chat(topic="greeting") if greeted else None
    if _HELP.search(command):
        return Help()
    if command.split()[0] in ("undo", "revert", "oops", "whoops") and _UNDO.search(command):
        return Undo()
    for topic, pattern in _TOPICS:
        if pattern.match(command):
            return Chat(topic=topic)
    return None
