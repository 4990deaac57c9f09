"""The chat benchmarks run end to end at tiny sizes, so they cannot rot unnoticed."""

from __future__ import annotations

from bench.chat import ChatSizes, Figures, run_echo, run_ours
from bench.stream_script import StreamPlan
from bench.tables import chat_table

TINY = ChatSizes(
    idle_connections=200,  # enough for the memory they hold to show in the RSS
    ack_clients=4,
    ack_seconds=0.5,
    ramp_rates=(8,),
    ramp_seconds=0.3,
    streams=2,
    light_streams=1,
    stream=StreamPlan(tokens=5, delay_us=10_000),
    history_items=40,
    resume_changes=20,
    history_requests=5,
    cost_clients=2,
    cost_seconds=0.5,
    cost_warm_up=0.2,
)


def _assert_measured(figures: Figures) -> None:
    assert figures.acks.unanswered == 0
    assert figures.acks.latency.requests > 0
    for streams in (figures.streams, figures.light_streams):
        assert (streams.unfinished, streams.broken_streams, streams.lost_chars) == (0, 0, 0)
        assert streams.token_lateness.requests == streams.watchers * TINY.stream.tokens
    assert figures.cost.messages > 0 and figures.cost.cpu_seconds > 0


def test_the_chat_benchmarks_measure_both_servers() -> None:
    echo = run_echo(TINY)
    ours = run_ours("sqlite", TINY)
    _assert_measured(echo)
    _assert_measured(ours)
    assert ours.idle_bytes_per_connection > 0
    assert ours.history is not None
    assert ours.history.resumed_changes == TINY.resume_changes
    assert ours.history.newest_page.requests == TINY.history_requests
    table = chat_table(echo, {"sqlite": ours}, TINY).markdown()
    assert "| Taskmate sqlite |" in table
