"""HTTP latency is labelled by route template, so ids never become labels."""

from __future__ import annotations

import httpx

from taskmate.api.runtime import Runtime
from tests.conftest import MakeUser


def _count(runtime: Runtime, method: str, route: str, status: str) -> float | None:
    labels = {"method": method, "route": route, "status": status}
    registry = runtime.metrics.collect()
    return registry.get_sample_value("taskmate_http_request_duration_seconds_count", labels)


async def test_requests_are_counted_by_template_and_unknown_paths_by_one_label(
    client: httpx.AsyncClient, runtime: Runtime, make_user: MakeUser
) -> None:
    user = await make_user()
    created = await client.post("/api/v1/tasks", json={"title": "count me"}, headers=user.headers)
    task_id = created.json()["id"]
    assert (await client.get(f"/api/v1/tasks/{task_id}", headers=user.headers)).status_code == 200
    assert (await client.get("/api/v1/tasks/999999", headers=user.headers)).status_code == 404
    assert (await client.get(f"/no/such/path/{task_id}")).status_code == 404
    assert _count(runtime, "GET", "/api/v1/tasks/{task_id}", "200") == 1
    assert _count(runtime, "GET", "/api/v1/tasks/{task_id}", "404") == 1
    assert _count(runtime, "GET", "unmatched", "404") == 1
    assert _count(runtime, "POST", "/api/v1/tasks", "201") == 1
