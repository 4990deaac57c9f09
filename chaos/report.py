"""Tables for people: printed, and written into a marked section of docs/benchmarks.md
(other sections of that file belong to other suites and are left alone)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from chaos.reminder_verdict import total
from chaos.reminding import ReminderOutcome
from chaos.verdict import Verdict

BENCHMARKS = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"
COLUMNS = (
    "fault",
    "clients",
    "sent",
    "acknowledged",
    "delivered",
    "lost",
    "duplicated",
    "interrupted",
    "recovered",
    "refused (unavailable)",
)


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def chaos_table(verdicts: Sequence[Verdict]) -> str:
    rows = [
        (
            each.fault,
            each.clients,
            each.sent,
            each.acknowledged,
            each.delivered,
            each.lost,
            each.duplicated,
            each.interrupted,
            each.recovered,
            each.refused_unavailable,
        )
        for each in verdicts
    ]
    notes = [f"- {each.fault}: {note}" for each in verdicts for note in each.notes]
    notes += [f"- {each.fault}: {_connections(each)}" for each in verdicts]
    mismatched = [each for each in verdicts if each.mismatched_transcripts or each.unacknowledged]
    notes += [
        f"- {each.fault}: {each.mismatched_transcripts} transcripts differ from the server, "
        f"{each.unacknowledged} messages never acknowledged"
        for each in mismatched
    ]
    return markdown_table(COLUMNS, rows) + ("\n\n" + "\n".join(notes) if notes else "")


def _connections(verdict: Verdict) -> str:
    codes = ", ".join(
        f"{code if code is not None else 'none'} ×{count}"
        for code, count in sorted(verdict.closes.items(), key=lambda pair: str(pair[0]))
    )
    return (
        f"sockets closed by the server: {codes or 'none'}; "
        f"connection attempts that failed: {verdict.failed_connects}"
    )


REMINDER_COLUMNS = (
    "reminders",
    "count",
    "fired",
    "missed (over a day late)",
    "late p50 s",
    "late p99 s",
    "lost",
    "duplicated in-app",
    "frames heard",
    "not heard (reconnecting)",
    "duplicate frames",
)


def reminders_table(outcome: ReminderOutcome) -> str:
    whole = total(outcome.groups)
    rows = [
        (
            each.group,
            each.reminders,
            each.fired,
            each.missed,
            _seconds(each.late_quantile(0.5)),
            _seconds(each.late_quantile(0.99)),
            each.lost,
            each.duplicated,
            each.frames,
            each.unheard,
            each.duplicate_frames,
        )
        for each in [*outcome.groups, whole]
    ]
    notes = [*outcome.notes]
    if whole.misjudged:
        notes.append(f"{whole.misjudged} reminders fired though a day late, or missed though not")
    if whole.buzzed_missed:
        notes.append(f"{whole.buzzed_missed} frames sent for reminders recorded as missed")
    return markdown_table(REMINDER_COLUMNS, rows) + "\n\n" + "\n".join(f"- {n}" for n in notes)


def _seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"
