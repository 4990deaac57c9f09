"""After a chat through a real server, ``/metrics`` shows every ``taskmate_*`` family, with the
counts the chat produced, and labels that never carry an id."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families
from prometheus_client.samples import Sample

from taskmate.observability.metrics import Metrics
from tests.chat.transports.sockets import signed_in
from tests.chat.transports.streams import event_stream
from tests.conftest import MakeUser
from tests.live_server import LiveServer

FAMILIES = {
    "taskmate_connections",
    "taskmate_subscriptions",
    "taskmate_messages_received",
    "taskmate_items_published",
    "taskmate_broker_publish_seconds",
    "taskmate_broker_delivery_seconds",
    "taskmate_resume_requests",
    "taskmate_queue_overflows",
    "taskmate_generations_running",
    "taskmate_time_to_first_token_seconds",
    "taskmate_generation_seconds",
    "taskmate_llm_tokens",
    "taskmate_tool_calls",
    "taskmate_llm_errors",
    "taskmate_rate_limited",
    "taskmate_http_request_duration_seconds",
    "taskmate_db_pool_connections",
}


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    return {"rate_messages_per_minute": 3}


def _samples(text: str) -> tuple[set[str], list[Sample]]:
    families = list(text_string_to_metric_families(text))
    return {f.name for f in families}, [s for f in families for s in f.samples]


def _value(samples: list[Sample], name: str, **labels: str) -> float:
    return sum(
        s.value
        for s in samples
        if s.name == name and all(s.labels.get(k) == v for k, v in labels.items())
    )


async def test_a_chat_shows_in_every_metric_family(server: LiveServer, make_user: MakeUser) -> None:
    user = await make_user()
    async with httpx.AsyncClient(base_url=server.http, timeout=5) as http:
        created = await http.post("/api/v1/conversations", json={}, headers=user.headers)
        conversation_id = created.json()["id"]
        messages = f"/api/v1/conversations/{conversation_id}/messages"
        async with signed_in(server, user) as socket:
            await socket.subscribe(conversation_id, after_seq=0)
            await socket.send_message(conversation_id, "add a task to buy milk tomorrow")
            while True:
                item = (await socket.next("item"))["item"]
                if item.get("role") == "assistant" and item["status"] == "completed":
                    break
            for n in range(3):  # two more fit the limit of 3 a minute, the third does not
                body = {"client_id": f"00000000-0000-4000-8000-00000000000{n}", "content": "hi"}
                sent = await http.post(messages, json=body, headers=user.headers)
                assert sent.status_code == (201 if n < 2 else 429), sent.text
            path = f"/conversations/{conversation_id}/events"
            async with event_stream(server, path, user.headers) as events:
                await events.next_event("presence")
                response = await http.get("/metrics")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain")
    names, samples = _samples(response.text)
    assert names >= FAMILIES
    assert _value(samples, "taskmate_connections", transport="ws") == 1
    assert _value(samples, "taskmate_connections", transport="sse") == 1
    assert _value(samples, "taskmate_subscriptions") == 2
    assert _value(samples, "taskmate_messages_received_total", transport="ws") == 1
    assert _value(samples, "taskmate_messages_received_total", transport="rest") == 2
    assert _value(samples, "taskmate_resume_requests_total", outcome="current") == 1
    assert _value(samples, "taskmate_rate_limited_total", limit="messages") == 1
    assert _value(samples, "taskmate_tool_calls_total", status="succeeded") >= 1
    assert _value(samples, "taskmate_items_published_total") >= 4
    assert _value(samples, "taskmate_time_to_first_token_seconds_count") >= 1
    assert _value(samples, "taskmate_generation_seconds_count", outcome="completed") >= 1
    assert _value(samples, "taskmate_broker_publish_seconds_count") >= 4
    routes = {s.labels["route"] for s in samples if "route" in s.labels}
    assert "/api/v1/conversations/{conversation_id}/messages" in routes
    assert not any(conversation_id in value for s in samples for value in s.labels.values())
    assert _value(samples, "taskmate_db_pool_connections", state="idle") >= 1


def test_the_llm_adapters_hooks_count_tokens_by_model_and_errors_by_kind() -> None:
    metrics = Metrics()
    metrics.llm_usage(model="openai:gpt-4o-mini", input_tokens=120, output_tokens=30)
    metrics.llm_usage(model="openai:gpt-4o-mini", input_tokens=80, output_tokens=10)
    metrics.llm_error("timeout")
    registry = metrics.collect()
    tokens = {"model": "openai:gpt-4o-mini"}
    value = registry.get_sample_value
    assert value("taskmate_llm_tokens_total", {**tokens, "direction": "input"}) == 200
    assert value("taskmate_llm_tokens_total", {**tokens, "direction": "output"}) == 40
    assert value("taskmate_llm_errors_total", {"kind": "timeout"}) == 1


def test_each_metrics_has_a_registry_of_its_own() -> None:
    first, second = Metrics(), Metrics()
    first.message_received("ws")
    assert first.registry.get_sample_value("taskmate_messages_received_total", {"transport": "ws"})
    assert (
        second.registry.get_sample_value("taskmate_messages_received_total", {"transport": "ws"})
        is None
    )
