"""Reminder tests fire by hand: the server's clock is frozen and moved by the test, which
then asks the scheduler to fire what is due (``fire``), so nothing waits for real time."""

from __future__ import annotations

import pytest

from taskmate.reminders.wiring import ReminderPolicy


@pytest.fixture
def reminder_policy() -> ReminderPolicy:
    return ReminderPolicy(run=False)
