"""The clock and date format a turn's user chose, as the wording reads them."""

from __future__ import annotations

from taskmate.chat.responder import TurnUser
from taskmate.tasks.date_words import DateStyle


def date_style(user: TurnUser) -> DateStyle:
    return DateStyle(clock=user.clock, date_format=user.date_format)
