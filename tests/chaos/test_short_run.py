"""CI's short chaos run: two instances, PostgreSQL, a private Redis and a fleet of scripted
clients through five faults; nothing acknowledged may be lost or stored twice."""

from __future__ import annotations

import shutil

import psycopg
from chaos.faults import FAULTS
from chaos.run import RunForm, run_chaos
from chaos.services import ADMIN_DSN

from tests.db_backends import service_missing


async def test_no_fault_loses_or_duplicates_a_message() -> None:
    _require_services()
    outcome = await run_chaos(RunForm.short())
    assert outcome.reminders is None  # the short form leaves the reminders phase out
    verdicts = outcome.faults
    assert [verdict.fault for verdict in verdicts] == [fault.name for fault in FAULTS]
    for verdict in verdicts:
        assert verdict.acknowledged > 0, verdict
        assert verdict.lost == 0, verdict
        assert verdict.duplicated == 0, verdict
        assert verdict.unacknowledged == 0, verdict
        assert verdict.mismatched_transcripts == 0, verdict
        assert verdict.recovered == verdict.interrupted, verdict
    slow = verdicts[-1]
    assert any("closed 4409" in note for note in slow.notes), slow.notes


def _require_services() -> None:
    try:
        psycopg.connect(ADMIN_DSN, connect_timeout=5).close()
    except psycopg.OperationalError as error:
        service_missing("PostgreSQL", error)
    if shutil.which("redis-server") is None:
        service_missing("redis-server", FileNotFoundError("redis-server is not on PATH"))
