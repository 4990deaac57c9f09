"""The reminders phase's verdict, from synthetic rows and frames."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from chaos.reminder_verdict import Fired, GroupVerdict, Occurrence, judge_reminders, total

DUE = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def due(
    reminder_id: int, *, group: str = "spread", user: str = "ann", at: datetime = DUE
) -> Occurrence:
    return Occurrence(reminder_id=reminder_id, user_id=user, group=group, due=at)


def fired(
    notification_id: str, reminder_id: int, *, late: float = 0.0, missed: bool = False
) -> Fired:
    return Fired(
        notification_id=notification_id,
        reminder_id=reminder_id,
        fired_at=DUE + timedelta(seconds=late),
        missed=missed,
    )


def only(verdicts: list[GroupVerdict]) -> GroupVerdict:
    [verdict] = verdicts
    return verdict


def test_every_reminder_fired_once_and_heard_once_passes() -> None:
    verdict = only(
        judge_reminders(
            [due(1), due(2)],
            [fired("n1", 1, late=0.2), fired("n2", 2, late=0.4)],
            {"ann": Counter({"n1": 1, "n2": 1})},
        )
    )
    assert (verdict.reminders, verdict.fired, verdict.frames) == (2, 2, 2)
    assert (verdict.lost, verdict.duplicated, verdict.unheard, verdict.duplicate_frames) == (0,) * 4
    assert verdict.passed


def test_a_due_reminder_without_a_notification_is_lost_and_fails() -> None:
    verdict = only(judge_reminders([due(1), due(2)], [fired("n1", 1)], {"ann": Counter({"n1": 1})}))
    assert verdict.lost == 1
    assert verdict.fired == 1
    assert not verdict.passed


def test_two_notifications_for_one_occurrence_are_a_duplicate_and_fail() -> None:
    verdict = only(
        judge_reminders(
            [due(1)],
            [fired("n1", 1, late=0.1), fired("n1-again", 1, late=3.0)],
            {"ann": Counter({"n1": 1, "n1-again": 1})},
        )
    )
    assert verdict.duplicated == 1
    assert verdict.fired == 1  # one occurrence, fired (too often)
    assert verdict.late_seconds == [pytest.approx(0.1)]  # lateness of its first firing
    assert not verdict.passed


def test_a_frame_received_twice_is_a_duplicate_frame_and_fails() -> None:
    verdict = only(judge_reminders([due(1)], [fired("n1", 1)], {"ann": Counter({"n1": 2})}))
    assert verdict.duplicate_frames == 1
    assert verdict.duplicated == 0
    assert not verdict.passed


def test_a_frame_nobody_heard_is_counted_but_does_not_fail() -> None:
    verdict = only(judge_reminders([due(1)], [fired("n1", 1)], {}))
    assert (verdict.frames, verdict.unheard) == (0, 1)
    assert verdict.passed


def test_frames_count_for_the_reminders_owner_only() -> None:
    verdict = only(
        judge_reminders([due(1, user="ann")], [fired("n1", 1)], {"bob": Counter({"n1": 1})})
    )
    assert verdict.unheard == 1


def test_lateness_is_fired_at_minus_due_with_quantiles() -> None:
    occurrences = [due(index) for index in range(1, 101)]
    notifications = [fired(f"n{index}", index, late=float(index)) for index in range(1, 101)]
    verdict = only(judge_reminders(occurrences, notifications, {}))
    assert verdict.late_quantile(0.5) == pytest.approx(50.5)
    assert verdict.late_quantile(0.99) == pytest.approx(99.01)


def test_lateness_of_nothing_fired_is_none_and_of_one_is_itself() -> None:
    assert GroupVerdict(group="empty").late_quantile(0.5) is None
    assert GroupVerdict(group="one", late_seconds=[7.0]).late_quantile(0.99) == 7.0


def test_a_day_old_reminder_recorded_as_missed_passes_without_a_frame() -> None:
    day_old = due(1, at=DUE - timedelta(hours=25))
    verdict = only(judge_reminders([day_old], [fired("n1", 1, missed=True)], {}))
    assert (verdict.missed, verdict.fired, verdict.misjudged) == (1, 0, 0)
    assert verdict.late_seconds == []
    assert verdict.passed


def test_a_day_old_reminder_that_fires_instead_of_missing_fails() -> None:
    day_old = due(1, at=DUE - timedelta(hours=25))
    verdict = only(judge_reminders([day_old], [fired("n1", 1)], {"ann": Counter({"n1": 1})}))
    assert verdict.misjudged == 1
    assert not verdict.passed


def test_a_recent_reminder_recorded_as_missed_fails() -> None:
    verdict = only(judge_reminders([due(1)], [fired("n1", 1, late=30.0, missed=True)], {}))
    assert verdict.misjudged == 1
    assert not verdict.passed


def test_a_frame_for_a_missed_reminder_fails() -> None:
    day_old = due(1, at=DUE - timedelta(hours=25))
    verdict = only(
        judge_reminders([day_old], [fired("n1", 1, missed=True)], {"ann": Counter({"n1": 1})})
    )
    assert verdict.buzzed_missed == 1
    assert not verdict.passed


def test_groups_keep_their_order_and_add_up_in_the_total() -> None:
    verdicts = judge_reminders(
        [due(1, group="burst"), due(2, group="spread"), due(3, group="burst")],
        [fired("n1", 1, late=1.0), fired("n2", 2, late=2.0), fired("n2b", 2, late=2.5)],
        {"ann": Counter({"n1": 1, "n2": 1})},
    )
    assert [(each.group, each.reminders) for each in verdicts] == [("burst", 2), ("spread", 1)]
    whole = total(verdicts)
    assert (whole.reminders, whole.fired, whole.lost, whole.duplicated) == (3, 2, 1, 1)
    assert (whole.frames, whole.unheard) == (2, 1)
    assert sorted(whole.late_seconds) == [1.0, 2.0]
    assert not whole.passed
