"""The reminder benchmark runs at a tiny size and reports every figure beside its baseline."""

from bench.reminders import run, table


def test_a_small_run_fires_every_reminder_and_reports_its_baseline() -> None:
    result = run("sqlite", users=3, per_user=4)
    assert result.lateness.requests == 12  # every reminder's event was timed
    assert 0 <= result.lateness.p50_ms <= result.lateness.p99_ms
    assert result.cpu_ms_per_reminder > 0
    assert result.baseline_ms > 0

    rendered = table([result]).markdown()
    assert "12 due at the same instant across 3 users" in rendered
    assert "bare UPDATE of all" in rendered


def test_two_instances_on_postgresql_share_the_reminders_and_fire_none_twice() -> None:
    result = run("postgresql", users=3, per_user=4, instances=2)
    assert result.instances == 2
    assert sum(result.fired_by) == 12
    assert result.duplicates == 0
    assert result.lateness.requests == 12
