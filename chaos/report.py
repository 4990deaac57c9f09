"""Tables for people: printed, and written into a marked section of docs/benchmarks.md
(other sections of that file belong to other suites and are left alone)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

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
