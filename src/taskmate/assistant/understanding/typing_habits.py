"""How people type a command: polite wrappers, "pls", shorthand ("tmrw", "nxt", "ad tsk"),
a slipped key, dropped apostrophes, sentence case or shouting, trailing punctuation, emoji.

``typed`` applies some of these to a clean line, drawing every choice from the given
``random.Random`` in a fixed order, so a seed gives the same line on every run.
"""

from __future__ import annotations

import re
from random import Random
from typing import Literal

# "request": an imperative ("add milk"), which takes "please" and "can you".
# "question": asks something ("what's due today"). "statement": says something ("done with
# laundry"). "as_written": a hand-written line, kept close to how it was written.
Phrasing = Literal["request", "question", "statement", "as_written"]

_REQUEST_OPENINGS = (
    "please ", "pls ", "plz ", "can you ", "could you ", "can u ", "could you please ",
    "would you ", "hey, ", "hey can you ", "ok ", "quick one: ", "hi, can you ",
)  # fmt: skip
_REQUEST_CLOSINGS = (" please", " pls", " plz", " thanks", " thx", " ty", " for me", " thank you!")
_NEUTRAL_OPENINGS = ("hey ", "ok ", "so ", "um ", "ok so ", "hi, ", "oh and ", "right, ")
_NEUTRAL_CLOSINGS = (" thanks", " thx", " cheers")
_EMOJI = (" 🙂", " 🙏", " 👍", " 😅", " 🙃", " ✨")
_SHORTHAND: dict[str, tuple[str, ...]] = {
    "tomorrow": ("tmrw", "tmr", "2moro", "tomoz", "tomorow"),
    "tonight": ("tonite", "2nite"),
    "today": ("2day", "tdy"),
    "next": ("nxt",),
    "please": ("pls", "plz"),
    "add": ("ad",),
    "task": ("tsk",),
    "tasks": ("tsks",),
    "you": ("u",),
    "your": ("ur",),
    "are": ("r",),
    "with": ("w/",),
    "appointment": ("appt",),
    "minutes": ("mins",),
    "hours": ("hrs",),
    "because": ("cos", "bc"),
    "thanks": ("thx", "ty"),
    "monday": ("mon",),
    "tuesday": ("tues", "tue"),
    "wednesday": ("wed", "weds"),
    "thursday": ("thurs", "thu"),
    "friday": ("fri",),
    "saturday": ("sat",),
    "sunday": ("sun",),
    "what's": ("whats", "wats"),
    "before": ("b4",),
    "okay": ("ok", "k"),
}
_WORD = re.compile(r"[a-z']+")
# Words that open a question whatever follows ("did #1 and #2" may be a statement).
_QUESTION_START = re.compile(r"^(?:what|whats|what's|when|where|which|who|how)\b", re.I)


def _wrapped(text: str, rng: Random, phrasing: Phrasing) -> str:
    if phrasing == "request" and rng.random() < 0.35:
        if rng.random() < 0.6:
            return rng.choice(_REQUEST_OPENINGS) + text
        return text + rng.choice(_REQUEST_CLOSINGS)
    if phrasing in ("question", "statement") and rng.random() < 0.12:
        if rng.random() < 0.7:
            return rng.choice(_NEUTRAL_OPENINGS) + text
        return text + rng.choice(_NEUTRAL_CLOSINGS)
    return text


def _shortened(text: str, rng: Random) -> str:
    def shorten(match: re.Match[str]) -> str:
        forms = _SHORTHAND.get(match.group())
        return rng.choice(forms) if forms and rng.random() < 0.6 else match.group()

    return _WORD.sub(shorten, text)


def _misspelt(text: str, rng: Random) -> str:
    """One word of four letters or more with two letters swapped, one dropped or doubled."""
    words = list(re.finditer(r"[a-z]{4,}", text))
    if not words:
        return text
    word = rng.choice(words)
    letters = word.group()
    at = rng.randrange(1, len(letters) - 1)
    slip = rng.choice(("swap", "drop", "double"))
    if slip == "swap":
        letters = letters[:at] + letters[at + 1] + letters[at] + letters[at + 2 :]
    elif slip == "drop":
        letters = letters[:at] + letters[at + 1 :]
    else:
        letters = letters[:at] + letters[at] + letters[at:]
    return text[: word.start()] + letters + text[word.end() :]


def _cased(text: str, rng: Random) -> str:
    roll = rng.random()
    if roll < 0.02:
        return text.upper()
    if roll < 0.27:
        sentence = re.sub(r"\bi\b", "I", text)
        return sentence[:1].upper() + sentence[1:]
    return text


def _punctuated(text: str, rng: Random, phrasing: Phrasing) -> str:
    if text[-1:] in ".!?":
        return text
    roll = rng.random()
    if phrasing == "question" or _QUESTION_START.match(text):
        return text + ("?" if roll < 0.45 else "??" if roll < 0.5 else "")
    if roll < 0.1:
        return text + rng.choice((".", "!", "!!", " :)", "..."))
    return text


def typed(text: str, rng: Random, phrasing: Phrasing) -> str:
    """``text`` as someone might type it; often unchanged."""
    text = _wrapped(text, rng, phrasing)
    if rng.random() < 0.25:
        text = _shortened(text, rng)
    if rng.random() < 0.12:
        text = _misspelt(text, rng)
    if "'" in text and rng.random() < 0.3:
        text = text.replace("'", "")
    text = _cased(text, rng)
    text = _punctuated(text, rng, phrasing)
    if rng.random() < 0.03:
        text += rng.choice(_EMOJI)
    return text
