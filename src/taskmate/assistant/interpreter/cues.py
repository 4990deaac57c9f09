"""Weighted cues for what a command asks: each cue is a pattern over the lowercased command
(fillers removed) that adds its weight to one family of intents. Cues anchored at the start
(``^``) are the command's verb and weigh most; cues anywhere weigh less.

"outside" collects requests for other assistants (music, weather, news, mail, lights, travel,
facts): when it wins, nothing is done. Ties go to "outside", so a command needs a cue of its
own to beat a foreign word ("remind me to check the weather" still adds a task).
"""

from __future__ import annotations

import re
from typing import Literal

from taskmate.assistant.interpreter.colours import NAMES as COLOUR_NAMES
from taskmate.assistant.interpreter.lexicon import TODO_VERBS

Family = Literal["add", "find", "update", "complete", "reopen", "delete", "outside"]

# What the user keeps here: asking about these is a search.
_DOMAIN = (
    r"calendar|schedules?|scheduled|agenda|diary|events?|meetings?|appointments?|reminders?"
    r"|alerts?|tasks?|to ?dos?|to-dos?|lists?|plans?|planned|planning|planner|busy|free"
    r"|booked|pending|upcoming|coming up|due|overdue|going on|happening|items?|projects?"
)
# Things that sit on a calendar.
_OCCASIONS = (
    r"concerts?|parties|party|weddings?|birthdays?|tournaments?"
    r"|classes|class|deadlines?|holidays?|trips?|flights?|dinners?|lunch|breakfast|interviews?"
    r"|exams?|tests?|practice|rehearsals?|appointments?|meetings?|events?"
)
# What one sets, creates or schedules.
_ENTRIES = (
    r"reminders?|remainders?|alarms?|timers?|notifications?|alerts?|events?|appointments?"
    r"|meetings?|entry|entries|tasks?|to-?dos?|notes?|reservations?|calls?|dates?|calendar"
)
_DONE = r"(?:done|complete|completed|finished|checked|ticked)"
_NOT_DONE = r"(?:not done|undone|incomplete|not complete|not completed|not finished|unfinished)"
_REMOVE = r"(?:delete|remove|cancel|erase|drop|clear|wipe|scrap|get rid of)"
_COMMAND_VERBS = (
    r"add|make|create|new|set|start|schedule|put|book|delete|remove|clear|cancel|open|show"
    r"|list|read|check|give|get|tell|send|play|remind|remember|mark|complete|finish|move"
    r"|rename|change|update|archive|unarchive|empty|wipe|erase|purge|trash"
)

# fmt: off
_CUES: dict[Family, list[tuple[float, str]]] = {
    "add": [
        (3, r"^(?:add|put|insert|include|append|enter|jot|write down|note down|pencil in)\b"),
        (3, r"^(?:schedule|book|arrange|organi[sz]e|plan|set up|setup|log|save)\b"),
        (2, r"^(?:new|create|make|start)\b"),
        (1.5, r"^(?:set(?! up)|mark|flag|block|note|keep|get)\b"),
        (3, r"^(?:create|make|start|new|add|set up|open|begin)(?: me)? (?:a |an |the |my )?"
            r"(?:new |another |separate |fresh |empty )?(?:[\w']+ ){0,2}(?:list|project)\b"),
        (3, r"^(?:add|create|make|new|set up|put)(?: me)? (?:a |an |another )?(?:new )?"
            r"(?:task|to-?do|reminder|item)\b"),
        (2.5, rf"^(?:{TODO_VERBS})\b"),
        (3, r"\bremind(?:s|ed|ing)?\b"),
        (1.5, r"\bremind me (?:to|about|of|that|on|at|in|for)\b"),
        (3.5, r"^(?:remember|(?:please )?don'?t (?:let me )?forget|do not forget)\b"),
        (3, r"\bdon'?t want to forget\b|\bremember to\b"),
        (2, rf"\b(?:set|create|make|add|schedule|put|need|want|give me|send me)\b.{{0,24}}"
            rf"\b(?:{_ENTRIES})\b"),
        (3, r"^(?:i|we) (?:really )?(?:need|have|must|should|ought|gotta|got) to\b"
            r"|^(?:need|have|got|gotta) to\b|^(?:i|we) (?:must|should|gotta)\b|^i've got to\b"),
        (2.5, r"^(?:i|we) (?:have|'ve got|have got|got|'ll have) (?:a|an|my|another|to)\b"),
        (1.5, r"^(?:i|we) (?:want|would like|'d like|wanna|plan|am going|'m going|will|'ll)"
              r" (?:to )?(?:go|meet|see|visit|attend|be|add|have|call|seeing|meeting)\b"),
        (4, r"^(?:i|we) (?:want|need|would like|'d like)(?: to (?:set|add|create|make|have|get))?"
            r" (?:a |an |another |some )?(?:new )?(?:reminders?|alerts?|notifications?|events?"
            r"|appointments?|entry|tasks?|to-?dos?)\b"),
        (3.5, r"\b(?:let me know|tell me|notify me|alert me|remind me|ping me) (?:on )?the"
              r" (?:morning|afternoon|evening|night|day|week|hour) (?:of|before)\b"),
        (3, r"^(?:(?:i|we) (?:need|want|would like|'d like)|give me|get me) (?:a |an |another )?"
            r"(?:new |separate |fresh )?(?:[\w']+ ){0,2}(?:list|project)$"),
        (2.5, r"\b(?:wake me|tell me to|let me know (?:to|of|about|when)|notify me|alert me|ping me"
              r"|nudge me)\b"),
        (3, r"^(?:(?:a|an|new|calendar) )?(?:events?|meetings?|appointments?|reminders?|calls?"
            r"|lunch|dinner|breakfast) (?:with|for|about)\b"),
        (1, r"\b(?:to|on|in|into|onto) (?:my |the |a |our )?(?:new )?(?:[\w'-]+ )?"
            r"(?:calendar|schedule|agenda|diary|planner|to ?do list|list)\b"),
    ],
    "find": [
        (1.5, r"^(?:what|what's|whats|which|when|when's|where|who|how|is|are|am|do|does|did"
              r"|have|has|will|was|were|any|anything|should i)\b"),
        (2, r"^(?:show|list|display|view|read|tell|give|check|open|bring up|pull up|bing up"
            r"|see|find|search|look up|look for|fetch|review|browse|go through|recap|print"
            r"|summari[sz]e|let me see|let me know)\b"),
        (2.5, r"\b(?:do|did|have|will) (?:i|we) (?:have|got)\b|\bhave i got\b"),
        (5, r"\bremind me (?:what|when|where|which|how many|if|whether)\b"),
        (3, r"\b(?:am i|are we|i'm|i am) (?:busy|free|booked|available)\b"),
        (3, r"\bwhat(?:'s| is| are|s)? (?:on|in|for) (?:my|the|this|that|today|tomorrow)\b"),
        (2.5, r"\b(?:what(?:'s| is| are|s)?|anything|something) (?:on|happening|planned"
              r"|scheduled|due|next|coming up|left|pending|up)\b"),
        (3, r"\bwhat (?:am i|are we) (?:doing|up to)\b|\bwhere (?:do|should|must) (?:i|we)"
            r" (?:need to |have to )?be\b"),
        (1.5, r"\bmy (?:day|week|weekend|morning|afternoon|evening|night)\b"),
        (2.5, r"\bwhat (?:do|did|have|will|else) (?:i|we|do i)\b|\bwhat else\b"),
        (2, r"\b(?:when|what time|which day|what day|what date) (?:is|are|was|does|do|will)"
            r" (?:my|the|that|this|our)\b"),
        (2.5, r"^(?:when|what time|what day|which day) (?:do|did|will|am|should|must|have) (?:i|we)"
              r"\b"),
        (1.5, r"^when(?:'s| is| are)\b(?! (?:my|the|that|this|our)\b)"),
        (2, r"^is (?:this|next|it) (?:week|weekend|month|year|morning|afternoon|evening)\b"
            r"|^is it true that\b|^(?:tell me )?more (?:about|on|details)\b"),
        (3, r"\bwhat does (?:my|the|this|today|tomorrow|next)\b.*\blook like\b"),
        (3, r"\bhow (?:does|is|will|'s) (?:my|the|this|next) (?:day|week|weekend|morning|afternoon"
            r"|evening|month|schedule|calendar)\b"),
        (2.5, rf"\bhow many\b.*\b(?:{_DOMAIN}|things|hours)\b"),
        (2, r"\b(?:is|are) there (?:any|anything|something)\b"),
        (1.5, rf"(?<=\s)(?:{_DOMAIN})\b"),
        (1, rf"\b(?:{_OCCASIONS})\b"),
        (4, r"^(?:my )?(?:schedule|calendar|agenda|diary|tasks|reminders|lists?|to ?dos?|events"
            r"|plans)$"),
        (3.5, rf"^(?!(?:{_COMMAND_VERBS})\b)(?:[\w']+ ){{0,3}}(?:schedule|events?|agenda|plans?"
              r"|planning|calendar|lists?|tasks?|reminders?|to ?dos?|details|meetings"
              r"|appointments)(?:$| (?:for|on|in|this|next|today|tonight|tomorrow)\b)"),
    ],
    "update": [
        (7, rf"^(?:colou?r|paint|make|turn|set|change|switch|mark)\b.*\b(?:list|project)\b"
            rf"(?: (?:colou?r|to|as|into))* (?:{COLOUR_NAMES})(?: colou?r)?$"),
        (6, r"^(?:set|change|make|update|switch|turn) (?:the )?colou?r of\b"),
        (4, r"^(?:rename|retitle|reschedule|postpone|push|move|shift|delay|defer|bump|change"
            r"|update|edit|modify|alter|adjust|reword|rebook|prioriti[sz]e|deprioriti[sz]e"
            r"|archive|unarchive)\b"),
        (3, r"\b(?:rename|reschedule|postpone|push (?:\w+ )?(?:back|forward|out)"
            r"|move (?:it|that|this|them) to)\b"),
        (4, r"\b(?:make|set|mark) (?:it|that|this|them|the \w+ (?:one|task)) (?:as )?"
            r"(?:(?:high|low|medium|top|normal|urgent|important)(?: priority)?|p[1-4])\b"),
        (4, r"^(?:make|set|mark|flag|change|switch) (?!(?:a|an|new|me)\b)\S.* (?:as |to )?(?:a )?"
            r"(?:(?:high|low|medium|top|normal|urgent)(?: priority)?|p[1-4])$"),
        (1, r"\b(?:priority|due date|deadline|title|name)\b"),
        (4, r"^(?:set|change|raise|lower|bump|update) (?:the )?priority\b"),
        (5, r"^(?:remove|clear|delete|drop|unset) (?:the )?(?:due date|deadline|date|due)"
            r" (?:from|of|on|for)\b"),
    ],
    "complete": [
        (3.5, r"^(?:complete|completed|finish|finished|close|resolve|tick)\b"),
        (5, rf"\b(?:mark|set|flag|tick|check)\b.*\b(?:as )?{_DONE}\b"),
        (4, rf"\b(?:is|are|was|were|'s|'re) (?:now |all |already )?(?:{_DONE}|taken care of"
            r"|sorted|handled)\b"),
        (4, r"^(?:i|we) (?:have |'ve |just |already |finally )*(?:done|finished|completed|did)\b"),
        (4, r"^done\b|\bdone with\b"),
        (4, r"\b(?:tick|check|cross)(?:ed)? (?:[\w#']+ ){0,4}off\b"),
    ],
    "reopen": [
        (5, r"^(?:reopen|re-open|unfinish|uncomplete|un-complete|uncheck|untick|unmark)\b"),
        (6, rf"\b(?:mark|set|flag)\b.*\b(?:as )?(?:{_NOT_DONE}|open again)\b"),
        (5, r"\b(?:isn't|is not|wasn't|was not|aren't|are not|not) (?:yet |really )?"
            r"(?:done|finished|complete|completed)\b"),
        (4.5, r"\b(?:put|bring|move|add) (?:\w+ ){1,3}back (?:on|to|in)\b"
              r"|\bopen (?:\w+ )?again\b"),
    ],
    "delete": [
        (4, r"(?:^|[,;:] )(?:delete|remove|cancel|drop|clear|erase|trash|discard|wipe|scrap"
            r"|scratch|purge"
            r"|get rid of|eliminate|forget|kill|nuke|ditch|strike|rub out|take out|uninclude"
            r"|exclude)\b"),
        (4, r"^take\b.*\b(?:off|out)\b"),
        (4, r"^empty\b"),
        (4.5, r"\b(?:is|are|was|were|has been|have been) (?:now |been )?"
              r"(?:cancell?ed|called off)$"),
        (2, rf"\b(?:{_REMOVE}|take (?:[\w']+ ){{1,4}}off)\b"),
        (3, rf"\b(?:and|then|to) {_REMOVE}\b"),
        (3, rf"^(?:find|open|check|look up|go to|search|look for|locate|get)\b.*\b{_REMOVE}\b"),
        (2.5, r"\b(?:i|we) (?:don't|do not|dont|no longer) (?:want|need)\b"),
        (1.5, r"\b(?:off|from|out of) (?:of )?(?:my|the|this|that|a|your|our) (?:[\w'-]+ ){0,2}"
              r"(?:list|calendar|schedule|agenda|diary|tasks)\b"),
        (1.5, r"\b(?:clear|clean|blank|empty)\b"),
        (2, r"\b(?:clear|wipe|empty) (?:out )?(?:my|the|this|all)\b"),
        (3, r"\bmake (?:sure )?(?:[\w']+ ){0,4}(?:clear|blank|empty)\b"),
        (3, r"\bcross(?:ed)? out\b"),
    ],
    "outside": [
        (4, r"^(?:play|replay|resume|continue|pause|skip|shuffle|stream|listen|tune in|turn"
            r"|switch|mute|unmute|increase|decrease|dim|brighten|lower|raise|e-?mail|reply"
            r"|compose|tweet|post|share|translate|convert|define|order|purchase|let's play"
            r"|let us play)\b"),
        (4, r"^put on (?!(?:(?:my|the|a|your) )?(?:[\w']+ )?(?:list|calendar|schedule))"),
        (4, r"^send (?:an? )?(?:e-?mail|message|text|tweet|dm)\b"),
        (4, r"^(?:move|go|skip|jump) (?:on |back )?to the (?:next|previous|last)\b"),
        (3, r"\b(?:hear|listen to|watch)\b"),
        (4, r"\b(?:tv|television|movies?|films?|cinema)\b"),
        (4, r"^when (?:does|do|is|will) .*\b(?:open|close)s?$"),
        (4, r"\b(?:contact list|contacts)\b"),
        (3, r"\b(?:music|songs?|playlist|album|artist|singer|band|radio|station|fm|podcasts?"
            r"|episodes?|audio ?books?|spotify|pandora|itunes|youtube|netflix|volume|playback"
            r"|tunes?)\b"),
        (3, r"\b(?:weather|forecast|temperature|rain|raining|rainy|snow|snowing|sunny|cloudy"
            r"|windy|humid|humidity|overcast|climate|degrees|celsius|fahrenheit|umbrella|storm"
            r"|hurricane|tornado)\b"),
        (4, r"\b(?:news|headlines?|breaking)\b"),
        (2, r"\b(?:in|on|from) the news\b"),
        (3.5, r"\b(?:near|around) (?:me|here|us|by|(?:[\w']+ ){1,2}(?:city|town))\b|\bnearby\b"
              r"|\bin (?:town|the area|my area)\b"),
        (4, r"\b(?:emails?|e-mails?|inbox|tweets?|twitter|facebook|tumblr|instagram|tinder"
            r"|linkedin|whatsapp|snapchat)\b"),
        (3, r"\b(?:lights?|lighting|lamps?|bulbs?|brightness|thermostat|heating|heater"
            r"|vacuum|roomba|coffee machine|kettle|socket|plug|wemo)\b"),
        (4, r"\b(?:book|reserve|find)(?: me)? (?:a |an )?(?:cheap )?(?:flights?|hotels?|rooms?"
            r"|tables?|tickets?|taxi|cab|car|ride)\b"),
        (4, r"\b(?:taxi|uber|lyft|cab|trains?|bus|tram|subway|tickets?|traffic|directions"
            r"|route|commute|fare)\b"),
        (4.5, r"\bthe (?:date|day) of\b"),
        (3, r"\b(?:define|definition|meaning of|recipes?|cook|cooking|stocks?|share price"
            r"|exchange rate|currency|wikipedia|jokes?|riddle|takeaway|takeout|take-out"
            r"|delivery|deliver|restaurants?)\b"),
        (4, r"\bwhat (?:time|day|date) is it\b|\bwhat(?:'s| is) (?:the )?(?:current )?"
            r"(?:time|date)\b(?! of)|\btime (?:is it )?(?:in|now)\b|\btime ?zones?\b"
            r"|\bwhat is it today\b|\bis it \w+day today\b|\bwhat day is (?:it|today)\b"),
    ],
}
# fmt: on
_COMPILED = [
    (family, re.compile(pattern), weight)
    for family, cues in _CUES.items()
    for weight, pattern in cues
]


def score(command: str) -> dict[Family, float]:
    """The weight of each family's cues in a lowercased command."""
    totals: dict[Family, float] = dict.fromkeys(_CUES, 0.0)
    for family, pattern, weight in _COMPILED:
        if pattern.search(command):
            totals[family] += weight
    return totals
