"""Words of the date grammar: months, weekdays, parts of the day, spelling variants."""

from __future__ import annotations

from datetime import time

MONTHS: dict[str, int] = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}

# Monday is 0, as in datetime.date.weekday().
WEEKDAYS: dict[str, int] = {
    "monday": 0,
    "mon": 0,
    "tuesday": 1,
    "tue": 1,
    "tues": 1,
    "wednesday": 2,
    "wed": 2,
    "thursday": 3,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "friday": 4,
    "fri": 4,
    "saturday": 5,
    "sat": 5,
    "sunday": 6,
    "sun": 6,
}
# Plural weekday names, as in "on mondays" / "every mondays".
WEEKDAY_PLURALS: dict[str, int] = {
    "mondays": 0,
    "tuesdays": 1,
    "wednesdays": 2,
    "thursdays": 3,
    "fridays": 4,
    "saturdays": 5,
    "sundays": 6,
}
RRULE_DAYS: tuple[str, ...] = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

# Part of the day -> (default time, whether an hour without am/pm means pm).
DAYPARTS: dict[str, tuple[time, bool]] = {
    "morning": (time(9, 0), False),
    "afternoon": (time(15, 0), True),
    "evening": (time(18, 0), True),
    "night": (time(20, 0), True),
}
TONIGHT = time(20, 0)

# Spelling variants folded into one word by the tokenizer.
ALIASES: dict[str, str] = {
    "tmrw": "tomorrow",
    "tmr": "tomorrow",
    "tmw": "tomorrow",
    "tmrow": "tomorrow",
    "tmrrw": "tomorrow",
    "tomoro": "tomorrow",
    "tomorow": "tomorrow",
    "tommorow": "tomorrow",
    "tommorrow": "tomorrow",
    "tonite": "tonight",
    "nxt": "next",
    "wknd": "weekend",
    "oclock": "o'clock",
    "o’clock": "o'clock",
    "hrs": "hours",
    "hr": "hour",
    "mins": "minutes",
    "min": "minute",
    "wks": "weeks",
    "wk": "week",
}

MERIDIEMS = frozenset({"am", "pm"})
UNIT_WORDS: dict[str, str] = {
    "day": "days",
    "days": "days",
    "week": "weeks",
    "weeks": "weeks",
    "fortnight": "fortnights",
    "fortnights": "fortnights",
    "month": "months",
    "months": "months",
    "year": "years",
    "years": "years",
    "hour": "hours",
    "hours": "hours",
    "minute": "minutes",
    "minutes": "minutes",
}
