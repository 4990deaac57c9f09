"""The benchmarks' figures as tables, each beside its baseline and target."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from bench.chat import ChatSizes, Figures
from bench.chat_acks import Step
from bench.chat_stream import StreamResult
from bench.report import Table
from bench.stats import Latency
from bench.tasks_api import TasksApiResult

IDLE_RATIO_TARGET = 1.5
ACK_P99_TARGET_MS = 25.0
LATENESS_P99_TARGET_MS = 50.0
PAGE_TARGET_MS = 10.0
RESUME_TARGET_MS = 30.0
TASKS_P99_TARGET_MS = {"sqlite": 15.0, "postgresql": 25.0}


def _percentiles(latency: Latency) -> str:
    return f"p50 {latency.p50_ms:.1f} / p99 {latency.p99_ms:.1f} ms"


def _kib(size: float) -> str:
    return f"{size / 1024:.1f} KiB"


def _rate(step: Step | None) -> str:
    return f"{step.acked_per_second:,.0f}/s" if step else "below the first step"


def _verdicts(ours: Mapping[str, Figures], meets: Callable[[Figures], bool] | None) -> str:
    if meets is None:
        return "-"
    return " / ".join("yes" if meets(figures) else "NO" for figures in ours.values())


def _both_loads(figures: Figures) -> tuple[StreamResult, StreamResult]:
    return figures.streams, figures.light_streams


def _text_errors(figures: Figures) -> int:
    return sum(
        streams.broken_streams + streams.lost_chars + streams.duplicated_chars + streams.unfinished
        for streams in _both_loads(figures)
    )


def _text(figures: Figures) -> str:
    return "; ".join(
        f"{streams.broken_streams}/{streams.watchers} differ, lost {streams.lost_chars}, "
        f"duplicated {streams.duplicated_chars}, unfinished {streams.unfinished}"
        for streams in _both_loads(figures)
    )


def chat_table(echo: Figures, ours: Mapping[str, Figures], sizes: ChatSizes) -> Table:
    def row(
        name: str,
        show: Callable[[Figures], str],
        target: str,
        meets: Callable[[Figures], bool] | None,
    ) -> list[str]:
        return [
            name,
            show(echo),
            *(show(figures) for figures in ours.values()),
            target,
            _verdicts(ours, meets),
        ]

    def idle(figures: Figures) -> str:
        ratio = figures.idle_bytes_per_connection / echo.idle_bytes_per_connection
        shown = _kib(figures.idle_bytes_per_connection)
        return shown if figures is echo else f"{shown} ({ratio:.2f}x)"

    def idle_meets(figures: Figures) -> bool:
        ratio = figures.idle_bytes_per_connection / echo.idle_bytes_per_connection
        return ratio <= IDLE_RATIO_TARGET

    def history(show: Callable[[Figures], str]) -> Callable[[Figures], str]:
        return lambda figures: show(figures) if figures.history else "-"

    plan = sizes.stream
    rate = 1e6 / plan.delay_us
    rows = [
        row(
            f"Memory per idle connection ({sizes.idle_connections:,} open)",
            idle,
            f"<= {IDLE_RATIO_TARGET}x bare",
            idle_meets,
        ),
        row(
            f"Send -> ack, {sizes.ack_clients} clients x 1 msg/s",
            lambda figures: _percentiles(figures.acks.latency),
            f"p99 < {ACK_P99_TARGET_MS:.0f} ms",
            lambda figures: figures.acks.latency.p99_ms < ACK_P99_TARGET_MS,
        ),
        row(
            "Max sustained messages/s (acks p99 < 100 ms)",
            lambda figures: _rate(figures.sustained),
            "> 1,000/s (design)",
            lambda figures: bool(figures.sustained and figures.sustained.acked_per_second > 1000),
        ),
        row(
            f"Fan-out: {sizes.streams} streams x {rate:.0f} tokens/s: deltas delivered",
            lambda figures: f"{figures.streams.deltas_per_second:,.0f}/s",
            "-",
            None,
        ),
        row(
            "Fan-out: added latency per token",
            lambda figures: _percentiles(figures.streams.token_lateness),
            f"p99 < {LATENESS_P99_TARGET_MS:.0f} ms",
            lambda figures: figures.streams.token_lateness.p99_ms < LATENESS_P99_TARGET_MS,
        ),
        row(
            "Fan-out: first token after the request",
            lambda figures: _percentiles(figures.streams.first_token),
            "p50 < 5 ms (design)",
            lambda figures: figures.streams.first_token.p50_ms < 5,
        ),
        row(
            f"Fan-out at {sizes.light_streams} streams: added latency per token",
            lambda figures: _percentiles(figures.light_streams.token_lateness),
            f"p99 < {LATENESS_P99_TARGET_MS:.0f} ms",
            lambda figures: figures.light_streams.token_lateness.p99_ms < LATENESS_P99_TARGET_MS,
        ),
        row(
            f"Fan-out at {sizes.light_streams} streams: first token after the request",
            lambda figures: _percentiles(figures.light_streams.first_token),
            "-",
            None,
        ),
        row(
            f"CPU per message, send -> ack -> 1-token answer ({sizes.cost_clients} clients,"
            " closed loop)",
            lambda figures: f"{figures.cost.cpu_ms_per_message:.2f} ms",
            "-",
            None,
        ),
        row(
            "Messages answered per second in that loop",
            lambda figures: f"{figures.cost.per_second:,.0f}/s",
            "-",
            None,
        ),
        row(
            "Fan-out: text rebuilt from deltas vs script (both loads)",
            _text,
            "all zero",
            lambda figures: _text_errors(figures) == 0,
        ),
        row(
            f"Newest 50 of {sizes.history_items:,} items (server time)",
            history(lambda figures: _server_time(figures, page=True)),
            f"< {PAGE_TARGET_MS:.0f} ms",
            lambda figures: bool(
                figures.history and figures.history.newest_page_server_ms < PAGE_TARGET_MS
            ),
        ),
        row(
            f"Resume {sizes.resume_changes} changes over WebSocket (server time)",
            history(lambda figures: _server_time(figures, page=False)),
            f"< {RESUME_TARGET_MS:.0f} ms",
            lambda figures: bool(
                figures.history and figures.history.resume_server_ms < RESUME_TARGET_MS
            ),
        ),
    ]
    return Table(
        title="Chat engine (real uvicorn, one worker on one core; load client on the other)",
        header=["Figure", "bare uvicorn", *(f"Taskmate {name}" for name in ours), "target", "met"],
        rows=rows,
        notes=[
            "bare uvicorn: bench/echo_server.py, same uvicorn options; it echoes the send "
            "frame as the ack and pushes one frame per token, one stream per socket.",
            f"Streams: {plan.tokens} tokens each, started over 1 s, each watched by 2 sockets "
            "(bare: by its own socket); latency is arrival minus the token's scheduled time.",
            "Server time = client p50 minus a baseline on the same connection: GET /me for the "
            "page, a WebSocket ping for the resume (unsubscribe + subscribe after_seq).",
            "Messages go to conversations with the assistant off, so nothing answers them.",
            "Each part (idle, acks, each fan-out load, history) runs on a fresh server process.",
        ],
    )


def _server_time(figures: Figures, *, page: bool) -> str:
    history = figures.history
    assert history is not None
    if page:
        return (
            f"{history.newest_page_server_ms:.1f} ms (client p50 {history.newest_page.p50_ms:.1f}"
            f", GET /me {history.me.p50_ms:.1f})"
        )
    return (
        f"{history.resume_server_ms:.1f} ms (client p50 {history.resume.p50_ms:.1f}, "
        f"ping {history.ping.p50_ms:.2f}, {history.resumed_changes} items)"
    )


def tasks_table(results: Sequence[TasksApiResult], *, description: str) -> Table:
    def column(show: Callable[[TasksApiResult], str]) -> list[str]:
        return [show(result) for result in results]

    targets = " / ".join(
        f"p99 < {TASKS_P99_TARGET_MS[result.backend]:.0f} ms" for result in results
    )
    return Table(
        title="Task API",
        header=["Figure", *(result.backend for result in results), "target"],
        rows=[
            ["baseline GET /me", *column(lambda r: _percentiles(r.me)), "-"],
            ["GET /tasks (first page)", *column(lambda r: _percentiles(r.list_tasks)), targets],
            ["GET /tasks (second page)", *column(lambda r: _percentiles(r.list_second_page)), "-"],
            ["baseline POST /tasks", *column(lambda r: f"{r.create_per_second:,.0f}/s"), "-"],
            ["POST /tasks/quick", *column(lambda r: f"{r.quick_add_per_second:,.0f}/s"), "-"],
        ],
        notes=[description],
    )
