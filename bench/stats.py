"""Small timing helpers: percentiles of request latencies and throughput."""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import httpx


@dataclass(frozen=True, kw_only=True)
class Latency:
    p50_ms: float
    p99_ms: float
    requests: int

    def __str__(self) -> str:
        return f"p50 {self.p50_ms:6.2f} ms   p99 {self.p99_ms:6.2f} ms   ({self.requests} requests)"


def latency(call: Callable[[], httpx.Response], *, requests: int, warmup: int = 50) -> Latency:
    for _ in range(warmup):
        call().raise_for_status()
    samples = []
    for _ in range(requests):
        start = time.perf_counter()
        response = call()
        samples.append((time.perf_counter() - start) * 1000)
        response.raise_for_status()
    return summarise(samples)


def summarise(samples_ms: Sequence[float]) -> Latency:
    """Percentiles of some latencies (NaN when there are none)."""
    if len(samples_ms) < 2:
        only = samples_ms[0] if samples_ms else math.nan
        return Latency(p50_ms=only, p99_ms=only, requests=len(samples_ms))
    cuts = statistics.quantiles(samples_ms, n=100)
    return Latency(p50_ms=statistics.median(samples_ms), p99_ms=cuts[98], requests=len(samples_ms))


def throughput(call: Callable[[int], httpx.Response], *, requests: int) -> float:
    """Requests per second, one after another on a keep-alive connection."""
    start = time.perf_counter()
    for index in range(requests):
        call(index).raise_for_status()
    return requests / (time.perf_counter() - start)
