"""Prometheus metrics: every ``taskmate_*`` family, in a registry of the app's own.

Each app owns a ``Metrics`` (not prometheus-client's global registry), so several apps in one
process, as in tests, count apart. Code reports through the methods below, called from a few
hooks (the HTTP middleware, the broker, the live session, the generation runner, the rate
limiter, the LLM adapter); levels (connections, subscriptions, running generations, the
database pool) are read by samplers when ``/metrics`` is scraped and every few seconds.

With ``taskmate serve --workers N`` the supervisor sets ``PROMETHEUS_MULTIPROC_DIR``, values
live in files shared by the workers, and any worker's ``/metrics`` answers for all of them
(``collect``); level gauges add up the live workers' values (``livesum``).
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager, suppress

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from prometheus_client.multiprocess import MultiProcessCollector

from taskmate.events import ConversationEvent, Event

MULTIPROCESS_DIR_VARIABLE = "PROMETHEUS_MULTIPROC_DIR"
# Latencies inside one process or one Redis round trip: well under a second.
FAST_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)
# What a person waits for: a first token, an answer, an HTTP request.
HUMAN_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0)
SAMPLE_SECONDS = 5.0  # how often each worker updates its levels in multiprocess mode
UNMATCHED_ROUTE = "unmatched"  # requests no route answered: one label, whatever the path

Sampler = Callable[["Metrics"], None]


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self._samplers: list[Sampler] = []
        registry = self.registry
        self.connections = Gauge(
            "taskmate_connections",
            "Open live connections, by transport (ws, sse).",
            ["transport"],
            registry=registry,
            multiprocess_mode="livesum",
        )
        self.subscriptions = Gauge(
            "taskmate_subscriptions",
            "Conversations followed by the open live connections.",
            registry=registry,
            multiprocess_mode="livesum",
        )
        self.messages_received = Counter(
            "taskmate_messages_received",
            "User messages accepted, by transport (ws, rest).",
            ["transport"],
            registry=registry,
        )
        self.items_published = Counter(
            "taskmate_items_published",
            "Item changes published to live subscribers.",
            registry=registry,
        )
        self.broker_publish_seconds = Histogram(
            "taskmate_broker_publish_seconds",
            "Time to publish a batch of events (local delivery and Redis PUBLISH).",
            buckets=FAST_BUCKETS,
            registry=registry,
        )
        self.broker_delivery_seconds = Histogram(
            "taskmate_broker_delivery_seconds",
            "Time from another instance's publish to delivery here (wall clocks: keep NTP on).",
            buckets=FAST_BUCKETS,
            registry=registry,
        )
        self.resumes = Counter(
            "taskmate_resume_requests",
            "Subscriptions with a seq to resume from, by outcome (current, replayed, refused).",
            ["outcome"],
            registry=registry,
        )
        self.queue_overflows = Counter(
            "taskmate_queue_overflows",
            "Live connections closed with 4409 because the client read too slowly.",
            registry=registry,
        )
        self.generations_running = Gauge(
            "taskmate_generations_running",
            "Generations this instance is running.",
            registry=registry,
            multiprocess_mode="livesum",
        )
        self.time_to_first_token = Histogram(
            "taskmate_time_to_first_token_seconds",
            "From a generation's start to its first text.",
            buckets=HUMAN_BUCKETS,
            registry=registry,
        )
        self.generation_seconds = Histogram(
            "taskmate_generation_seconds",
            "Generation duration, by outcome (completed, stopped, failed, interrupted).",
            ["outcome"],
            buckets=HUMAN_BUCKETS,
            registry=registry,
        )
        self.llm_tokens = Counter(
            "taskmate_llm_tokens",
            "Tokens sent to (input) and received from (output) language models, by model.",
            ["model", "direction"],
            registry=registry,
        )
        self.tool_calls = Counter(
            "taskmate_tool_calls",
            "Assistant tool calls, by tool name and status (succeeded, failed).",
            ["name", "status"],
            registry=registry,
        )
        self.llm_errors = Counter(
            "taskmate_llm_errors",
            "Language model failures, by kind (timeout, rate_limited, unavailable, ...).",
            ["kind"],
            registry=registry,
        )
        self.rate_limited = Counter(
            "taskmate_rate_limited",
            "Requests refused by a rate limit, by limit (login, register, messages).",
            ["limit"],
            registry=registry,
        )
        self.http_seconds = Histogram(
            "taskmate_http_request_duration_seconds",
            "HTTP latency to the response headers, by method, route template and status.",
            ["method", "route", "status"],
            buckets=HUMAN_BUCKETS,
            registry=registry,
        )
        self.db_pool = Gauge(
            "taskmate_db_pool_connections",
            "Database pool connections, by state (in_use, idle, overflow).",
            ["state"],
            registry=registry,
            multiprocess_mode="livesum",
        )

    # Hooks: what the rest of the app calls.

    def message_received(self, transport: str) -> None:
        self.messages_received.labels(transport).inc()

    def broker_published(self, events: Sequence[Event], seconds: float) -> None:
        self.broker_publish_seconds.observe(seconds)
        items = sum(1 for e in events if isinstance(e, ConversationEvent) and e.kind == "item")
        if items:
            self.items_published.inc(items)

    def broker_delivered(self, seconds: float) -> None:
        self.broker_delivery_seconds.observe(max(seconds, 0.0))

    def resumed(self, outcome: str) -> None:
        self.resumes.labels(outcome).inc()

    def overflowed(self) -> None:
        self.queue_overflows.inc()

    def first_text(self, seconds: float) -> None:
        self.time_to_first_token.observe(seconds)

    def generation_ended(self, outcome: str, seconds: float) -> None:
        self.generation_seconds.labels(outcome).observe(seconds)

    def tool_called(self, name: str, status: str) -> None:
        self.tool_calls.labels(name, status).inc()

    def llm_usage(self, *, model: str, input_tokens: int, output_tokens: int) -> None:
        """For the LLM adapter: the tokens one model request used (``model`` as configured,
        e.g. ``openai:gpt-4o-mini``)."""
        self.llm_tokens.labels(model, "input").inc(input_tokens)
        self.llm_tokens.labels(model, "output").inc(output_tokens)

    def llm_error(self, kind: str) -> None:
        """For the LLM adapter: a failed model request, by a short fixed ``kind``."""
        self.llm_errors.labels(kind).inc()

    def limited(self, limit: str) -> None:
        self.rate_limited.labels(limit).inc()

    def request_served(self, method: str, route: str, status: int, seconds: float) -> None:
        self.http_seconds.labels(method, route, str(status)).observe(seconds)

    # Levels and exposition.

    def add_sampler(self, sampler: Sampler) -> Callable[[], None]:
        """Runs ``sampler`` before each scrape (and periodically); returns its removal."""
        self._samplers.append(sampler)
        return lambda: self._samplers.remove(sampler)

    def sample(self) -> None:
        for sampler in list(self._samplers):
            sampler(self)

    @asynccontextmanager
    async def sampling(self) -> AsyncIterator[None]:
        """In multiprocess mode, keeps this worker's levels fresh for scrapes that another
        worker answers; in one process, scrapes sample for themselves."""
        if not self.multiprocess:
            yield
            return
        task = asyncio.create_task(self._sample_periodically())
        try:
            yield
        finally:
            task.cancel()
            with suppress(asyncio.CancelledError):
                await task

    async def _sample_periodically(self) -> None:
        while True:
            self.sample()
            await asyncio.sleep(SAMPLE_SECONDS)

    @property
    def multiprocess(self) -> bool:
        return MULTIPROCESS_DIR_VARIABLE in os.environ

    def collect(self) -> CollectorRegistry:
        """The registry to expose: this app's, or every worker's in multiprocess mode."""
        self.sample()
        if not self.multiprocess:
            return self.registry
        shared = CollectorRegistry()
        MultiProcessCollector(shared)  # type: ignore[no-untyped-call]
        return shared
