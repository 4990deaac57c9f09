"""The interpreter benchmark runs and reports every figure beside its baseline."""

from bench.understanding import run, table


def test_a_small_run_reports_speed_load_and_memory() -> None:
    cost = run(sample=40)
    assert 0 < cost.rules[0] <= cost.rules[1]
    assert 0 < cost.model[0] <= cost.model[1]
    assert cost.embedding_load > 0 and cost.head_load > 0
    assert cost.added_mib > 10  # the embedding table alone is 16 MB

    rendered = table(cost, 40).markdown()
    assert "Time per utterance, median" in rendered
    assert "Memory added by the model" in rendered
