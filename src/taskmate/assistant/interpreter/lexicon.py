"""Word lists shared by the readers of titles, references and searches."""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())


DETERMINERS = words("a an the my our your some any all of every each his her their")
# Nouns that name a task without saying which: "the task", "that item", "an event".
GENERIC_NOUNS = words(
    "task tasks item items thing things event events entry entries reminder reminders"
    " remainder one ones line lines stuff todo todos to-do to-dos note notes alert alerts data"
    " information info details schedule schedules calendar agenda list lists everything"
    " anything something activities activity plans plan notification notifications program"
    " programs"
)
# A title made only of these is no title: "add something", "add this to a list".
PLACEHOLDERS = (
    GENERIC_NOUNS
    | DETERMINERS
    | words(
        "this that it these those them following new date time and with people for me to on"
        " in repeating recurring upcoming next"
    )
)
# Words that point back at tasks already talked about.
ANAPHORA = words("it that this them those these same above")
# Names that mean the default list, not a project.
DEFAULT_LISTS = frozenset(
    {"to do", "todo", "to-do", "to do's", "todos", "task", "tasks", "default", "inbox"}
    | {"reminder", "reminders", "main", "my", "new"}
)
# Words a search skips when it looks for title words.
QUESTION_WORDS = words(
    "what what's whats when when's which who where how many much is are am was were be been do"
    " does did have has had will would can could should i i'm me we us you there here any"
    " anything something else show list tell give read check see find search look display"
    " view open get bring up out back pull let know about for on in at to with from by of and"
    " or got going coming set scheduled planned booked pending due upcoming next latest"
    " current currently available left happening contain contains items put need made make"
    " added add time busy free all known more please now right again just like looks go"
    " start starts begin begins it that this these those them if so first last new old alone"
    " okay true whether"
)

# Everyday to-dos, as a pattern: a command starting so reads like quick add ("buy milk"),
# and "add pay rent and renew passport" is two of them.
TODO_VERBS = (
    r"buy|pay|call(?! me)|clean|fix|finish|prepare|submit|water|feed|walk|wash|return|renew|visit"
    r"|attend|pick up|collect|study|practi[cs]e|sign|file|bake|pack|mow|tidy|repair|replace"
    r"|write|draft|review|meet|phone|ring|contact|invite|pick"
)
