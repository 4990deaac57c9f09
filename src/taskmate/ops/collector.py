"""How an instance sets Python's cyclic garbage collector once it has started."""

from __future__ import annotations

import gc

GC_THRESHOLDS = (2000, 20, 100)  # Python's defaults: (700, 10, 10)


def settle_after_startup() -> None:
    # What exists at startup (modules, routes, settings) lives until exit: taking it out
    # of the collector's generations keeps full collections short, which cut the
    # worst-case latency of GET /tasks from ~80 ms to ~12 ms in the benchmark.
    gc.collect()
    gc.freeze()
    # Fewer, later collections of the young generations: with hundreds of sockets
    # open, the default thresholds ran a full collection (20-50 ms, the loop stopped)
    # every second or two, and those pauses were the p99 of send -> ack (500 msg/s:
    # 13-123 ms -> 7-11 ms). Memory per idle socket is unchanged.
    gc.set_threshold(*GC_THRESHOLDS)
